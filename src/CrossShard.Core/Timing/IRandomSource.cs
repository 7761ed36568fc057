namespace CrossShard.Core.Timing;

/// <summary>The only source of randomness the state machines use (retry jitter); injected so runs are reproducible.</summary>
public interface IRandomSource
{
    /// <summary>A uniformly distributed value in [0, 1).</summary>
    double NextDouble();
}
