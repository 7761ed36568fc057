using CrossShard.Core.Timing;

namespace CrossShard.Core.Tests;

public sealed class BackoffTests
{
    private static readonly Backoff Backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(3, 800)]
    [InlineData(4, 1000)]
    [InlineData(60, 1000)]
    public void DelayFor_DoublesUpToTheCap_WithJitterInTheUpperHalf(int attempt, double ceilingMs)
    {
        Assert.Equal(ceilingMs / 2, Backoff.DelayFor(attempt, new FixedRandom(0)).TotalMilliseconds, 3);
        Assert.InRange(Backoff.DelayFor(attempt, new FixedRandom(0.999)).TotalMilliseconds, ceilingMs * 0.99, ceilingMs);
    }

    [Fact]
    public void DelayFor_SameSeedSameSequence()
    {
        var a = new SeededRandom(5);
        var b = new SeededRandom(5);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(Backoff.DelayFor(i, a), Backoff.DelayFor(i, b));
        }
    }
}
