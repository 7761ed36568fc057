using CrossShard.Cli.Measurement;

namespace CrossShard.Cli.Tests.Measurement;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 1, 25, 50, 90, 99, 99.9, 99.99, 100];

    // Nearest rank over the exact samples: what the histogram approximates.
    private static long Exact(long[] sorted, double percentile)
    {
        var rank = (long)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static void AssertWithinError(long[] samples)
    {
        var histogram = new LatencyHistogram();
        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        var sorted = samples.Order().ToArray();
        foreach (var p in Percentiles)
        {
            var exact = Exact(sorted, p);
            var reported = histogram.ValueAtPercentile(p);
            // Never below the true value, at most 1/128 above it (well inside the 1% budget).
            Assert.InRange(reported, exact, exact + (exact / 128));
        }

        Assert.Equal(sorted[^1], histogram.Max);
        Assert.Equal(samples.Length, histogram.Count);
    }

    [Fact]
    public void Empty_ReportsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(new LatencySummary(0, 0, 0, 0), histogram.SummaryMs());
    }

    [Fact]
    public void SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 0; v < 256; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(127, histogram.ValueAtPercentile(50));
        Assert.Equal(253, histogram.ValueAtPercentile(99));
        Assert.Equal(255, histogram.ValueAtPercentile(100));
        Assert.Equal(0, histogram.ValueAtPercentile(0));
    }

    [Fact]
    public void Uniform_PercentilesWithinOnePercent()
    {
        AssertWithinError([.. Enumerable.Range(1, 1_000_000).Select(static i => (long)i)]);
    }

    [Fact]
    public void Exponential_PercentilesWithinOnePercent()
    {
        var random = new Random(7);
        // Latencies around 2 ms in ticks of 100 ns, with a long tail.
        AssertWithinError([.. Enumerable.Range(0, 200_000).Select(_ => (long)(-Math.Log(1 - random.NextDouble()) * 20_000))]);
    }

    [Fact]
    public void Bimodal_PercentilesWithinOnePercent()
    {
        var random = new Random(11);
        // 98% fast answers near 1 ms, 2% slow ones near 400 ms: p99 and p99.9 fall in the slow mode.
        AssertWithinError([.. Enumerable.Range(0, 100_000).Select(_ => random.Next(100) < 98 ? 10_000L + random.Next(2_000) : 4_000_000L + random.Next(1_000_000))]);
    }

    [Fact]
    public void EveryBucket_HoldsOnlyValuesWithinItsError()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => random.NextInt64(long.MaxValue) >> random.Next(63))
            .Concat([0, 1, 255, 256, 257, 383, 384, long.MaxValue, long.MaxValue - 1, 1L << 62]);
        foreach (var value in values)
        {
            var highest = LatencyHistogram.HighestEquivalent(LatencyHistogram.IndexOf(value));
            // Never below the value, at most 1/128 above it (written without an addition that could overflow).
            Assert.True(highest >= value && highest - value <= value / 128, $"{value} reported as {highest}");
        }
    }

    [Fact]
    public void ConcurrentRecording_LosesNothing()
    {
        var histogram = new LatencyHistogram();

        Parallel.For(0, 8, worker =>
        {
            for (var i = 1; i <= 100_000; i++)
            {
                histogram.Record(i + worker);
            }
        });

        Assert.Equal(800_000, histogram.Count);
        Assert.Equal(100_007, histogram.Max);
        Assert.InRange(histogram.ValueAtPercentile(50), 50_000, 50_010 + (50_010 / 128));
    }

    [Fact]
    public void Durations_AreSummarisedInMilliseconds()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var summary = histogram.SummaryMs();

        Assert.InRange(summary.P50, 500, 500 * 1.01);
        Assert.InRange(summary.P99, 990, 990 * 1.01);
        Assert.InRange(summary.P999, 999, 999 * 1.01);
        Assert.Equal(1000, summary.Max);
    }
}
