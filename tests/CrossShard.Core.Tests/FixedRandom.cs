using CrossShard.Core.Timing;

namespace CrossShard.Core.Tests;

/// <summary>A random source that always returns the same value, so backoff delays are exact in tests.</summary>
internal sealed class FixedRandom(double value) : IRandomSource
{
    public double NextDouble() => value;
}
