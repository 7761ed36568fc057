using CrossShard.Node.Runtime;
using CsCheck;

namespace CrossShard.Node.Tests;

public sealed class AdaptiveBatchSizeTests
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void FullFastBatches_GrowTheBatch_UpToTheMaximum()
    {
        var size = new AdaptiveBatchSize(8, 1024, Target);

        for (var i = 0; i < 1000; i++)
        {
            size.Record(size.Current, TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(1024, size.Current);
    }

    [Fact]
    public void ASlowIteration_HalvesTheBatch_ButNeverBelowTheMinimum()
    {
        var size = new AdaptiveBatchSize(8, 1024, Target);
        for (var i = 0; i < 1000; i++)
        {
            size.Record(size.Current, TimeSpan.FromMilliseconds(1));
        }

        size.Record(1024, TimeSpan.FromMilliseconds(20));
        Assert.Equal(512, size.Current);

        for (var i = 0; i < 20; i++)
        {
            size.Record(size.Current, TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(8, size.Current);
    }

    [Fact]
    public void BatchesThatDoNotFill_LeaveTheSizeAlone()
    {
        var size = new AdaptiveBatchSize(8, 1024, Target);
        var before = size.Current;

        for (var i = 0; i < 100; i++)
        {
            size.Record(before - 1, TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(before, size.Current);
    }

    [Fact]
    public void UnderAlternatingLoad_TheSizeStaysWithinBounds() =>
        Gen.Select(Gen.Int[0, 2000], Gen.Int[0, 20]).Array[1, 200].Sample(steps =>
        {
            var size = new AdaptiveBatchSize(4, 512, Target);
            foreach (var (handled, ms) in steps)
            {
                size.Record(handled, TimeSpan.FromMilliseconds(ms));
                if (size.Current is < 4 or > 512)
                {
                    return false;
                }
            }

            return true;
        });
}
