using System.Numerics;

namespace CrossShard.Cli.Measurement;

/// <summary>
/// Counts every recorded value in log-linear buckets (HdrHistogram's layout): each power-of-two range is split into
/// 128 equal sub-buckets, so a reported value is at most 1/128 (0.8%) above the true one, never below it, and
/// values under 256 are exact. 7,424 counters cover every non-negative <see cref="long"/>; recording is lock-free
/// and safe from any number of threads, and costs the same whatever the number of samples.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;

    // Bucket b holds values of magnitude [128·2^b, 256·2^b) in steps of 2^b (bucket 0 holds 0..255 exactly).
    private readonly long[] _counts = new long[(64 - SubBucketBits + 1) * SubBucketCount];
    private long _count;
    private long _max;

    /// <summary>Number of values recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The largest value recorded (exact); 0 when empty.</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>Records one value; a negative one counts as 0.</summary>
    public void Record(long value)
    {
        value = Math.Max(value, 0);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        var max = Volatile.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>Records a duration in ticks of 100 ns (exact below 25.6 µs, within 0.8% above).</summary>
    public void Record(TimeSpan duration) => Record(duration.Ticks);

    /// <summary>
    /// The <paramref name="percentile"/>th percentile (0..100) by nearest rank: the highest value its bucket can
    /// hold, capped at <see cref="Max"/>; 0 when empty. Call it once recording has stopped.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * count);
        rank = Math.Clamp(rank, 1, count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    /// <summary>p50, p99, p99.9 and the maximum of durations recorded with <see cref="Record(TimeSpan)"/>, in milliseconds.</summary>
    public LatencySummary SummaryMs() => new(
        Ms(ValueAtPercentile(50)),
        Ms(ValueAtPercentile(99)),
        Ms(ValueAtPercentile(99.9)),
        Ms(Max));

    internal static int IndexOf(long value)
    {
        var magnitude = 63 - BitOperations.LeadingZeroCount((ulong)value | 1);
        var bucket = Math.Max(0, magnitude - SubBucketBits);
        return (bucket << SubBucketBits) + (int)(value >> bucket);
    }

    internal static long HighestEquivalent(int index)
    {
        var bucket = Math.Max(0, (index >> SubBucketBits) - 1);
        var sub = (long)(index - (bucket << SubBucketBits));
        return unchecked(((sub + 1) << bucket) - 1);
    }

    private static double Ms(long ticks) => (double)ticks / TimeSpan.TicksPerMillisecond;
}
