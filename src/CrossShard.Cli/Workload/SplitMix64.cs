namespace CrossShard.Cli.Workload;

/// <summary>
/// SplitMix64: a tiny, fast generator for deriving a transfer's choices from (seed, index), so a load generator's
/// workload is a pure function of its seed whatever the scheduling. Not for anything secret.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    /// <summary>The generator of transfer <paramref name="index"/> of a workload seeded with <paramref name="seed"/>.</summary>
    public static SplitMix64 For(int seed, long index) => new(unchecked(((ulong)(uint)seed << 32) ^ (ulong)index));

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A value in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
