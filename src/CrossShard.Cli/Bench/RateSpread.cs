using CrossShard.Cli.Measurement;

namespace CrossShard.Cli.Bench;

/// <summary>The least, middle and largest of a run's per-second counts: how far single seconds stray from the average.</summary>
/// <param name="Min">The slowest second.</param>
/// <param name="Median">The middle second (the lower middle of an even count).</param>
/// <param name="Max">The fastest second.</param>
public sealed record RateSpread(long Min, long Median, long Max)
{
    /// <summary>The spread of <paramref name="perSecond"/>; all zero when it is empty.</summary>
    public static RateSpread Of(IReadOnlyList<long> perSecond)
    {
        ArgumentNullException.ThrowIfNull(perSecond);
        if (perSecond.Count == 0)
        {
            return new RateSpread(0, 0, 0);
        }

        return new RateSpread(perSecond.Min(), LowerMedian.Of(perSecond), perSecond.Max());
    }
}
