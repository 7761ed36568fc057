namespace CrossShard.Core.Timing;

/// <summary>A deterministic <see cref="IRandomSource"/> (xoshiro-style via <see cref="Random"/> with a seed): the same seed gives the same sequence.</summary>
public sealed class SeededRandom : IRandomSource
{
    private readonly Random _random;

    /// <summary>Creates the source from <paramref name="seed"/>.</summary>
    public SeededRandom(int seed)
    {
        _random = new Random(seed);
    }

    /// <inheritdoc />
    public double NextDouble() => _random.NextDouble();

    /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);
}
