using CrossShard.Cli.Bench;
using CrossShard.Cli.Workload;
using CrossShard.Core.Transactions;

namespace CrossShard.Cli.Tests.Bench;

public sealed class TransferPairsTests
{
    private static (int Cross, int Total) Pick(BenchAccounts accounts, double ratio, int count, int seed = 1)
    {
        var pairs = new TransferPairs(accounts, ratio);
        var cross = 0;
        for (var i = 0; i < count; i++)
        {
            var random = SplitMix64.For(seed, i);
            var (from, to) = pairs.Pick(ref random);
            Assert.NotEqual(from, to);
            Assert.InRange(from, 0, accounts.Count - 1);
            Assert.InRange(to, 0, accounts.Count - 1);
            if (accounts.ShardOf(from) != accounts.ShardOf(to))
            {
                cross++;
            }
        }

        return (cross, count);
    }

    [Theory]
    [InlineData(4, 10_000)]
    [InlineData(2, 50)]
    [InlineData(64, 1_000)]
    public void RatioOne_EveryPairIsCrossShard(int shards, int accounts)
    {
        var (cross, total) = Pick(new BenchAccounts(accounts, new ShardMap(shards)), 1.0, 20_000);

        Assert.Equal(total, cross);
    }

    [Theory]
    [InlineData(4, 10_000)]
    [InlineData(2, 50)]
    [InlineData(64, 1_000)]
    [InlineData(1, 100)]
    public void RatioZero_NoPairIsCrossShard(int shards, int accounts)
    {
        var (cross, _) = Pick(new BenchAccounts(accounts, new ShardMap(shards)), 0.0, 20_000);

        Assert.Equal(0, cross);
    }

    [Fact]
    public void RatioBetween_GivesThatFractionOfCrossShardPairs()
    {
        var (cross, total) = Pick(new BenchAccounts(1_000, new ShardMap(4)), 0.3, 20_000);

        Assert.InRange((double)cross / total, 0.28, 0.32);
    }

    [Fact]
    public void CrossShardDestinations_CoverEveryOtherShard()
    {
        var accounts = new BenchAccounts(1_000, new ShardMap(4));
        var pairs = new TransferPairs(accounts, 1.0);
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < 10_000; i++)
        {
            var random = SplitMix64.For(5, i);
            var (from, to) = pairs.Pick(ref random);
            seen.Add((accounts.ShardOf(from), accounts.ShardOf(to)));
        }

        Assert.Equal(12, seen.Count);
    }

    [Fact]
    public void Problem_NamesShapesThatCannotWork()
    {
        Assert.Contains("--shards 1", TransferPairs.Problem(new BenchAccounts(10, new ShardMap(1)), 1.0), StringComparison.Ordinal);
        Assert.Contains("--shards 1", TransferPairs.Problem(new BenchAccounts(10, new ShardMap(1)), 0.5), StringComparison.Ordinal);
        Assert.Null(TransferPairs.Problem(new BenchAccounts(10, new ShardMap(1)), 0.0));
        Assert.Null(TransferPairs.Problem(new BenchAccounts(10, new ShardMap(2)), 1.0));
        Assert.Throws<ArgumentException>(() => new TransferPairs(new BenchAccounts(10, new ShardMap(1)), 1.0));
    }

    [Fact]
    public void Workload_IsAPureFunctionOfSeedAndIndex()
    {
        var accounts = new BenchAccounts(500, new ShardMap(3));
        var a = new BenchWorkload(accounts, new TransferPairs(accounts, 0.5), seed: 9, nonceBase: 1000);
        var b = new BenchWorkload(accounts, new TransferPairs(accounts, 0.5), seed: 9, nonceBase: 1000);
        var other = new BenchWorkload(accounts, new TransferPairs(accounts, 0.5), seed: 10, nonceBase: 1000);

        Assert.Equal(a.Transfer(77), b.Transfer(77));
        Assert.Equal(1077UL, a.Transfer(77).Nonce);
        Assert.InRange(a.Transfer(77).Amount, 1, 100);
        Assert.NotEqual(
            Enumerable.Range(0, 20).Select(i => a.Transfer(i)),
            Enumerable.Range(0, 20).Select(i => other.Transfer(i)));
    }
}
