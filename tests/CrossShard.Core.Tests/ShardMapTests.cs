using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class ShardMapTests
{
    [Fact]
    public void ShardOf_IsDeterministicAndSpreadsAccounts()
    {
        var a = new ShardMap(4);
        var b = new ShardMap(4);
        var counts = new int[4];
        for (var i = 0; i < 4000; i++)
        {
            var shard = a.ShardOf($"acct-{i}");
            Assert.Equal(shard, b.ShardOf($"acct-{i}"));
            counts[shard.Value]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void ShardOf_MatchesTheDocumentedRule()
    {
        var input = System.Text.Encoding.UTF8.GetBytes("crossshard/account/v1/alice");
        var hash = System.Security.Cryptography.SHA3_256.HashData(input);
        var expected = (int)(BitConverter.ToUInt64(hash, 0) % 7);

        Assert.Equal(new ShardId(expected), new ShardMap(7).ShardOf("alice"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1025)]
    public void Constructor_RejectsImpossibleShardCounts(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardMap(count));

    [Fact]
    public void RememberedShards_AreTheComputedOnes_AndTheCacheStaysBounded()
    {
        var cached = new ShardMap(7, cacheLimit: 100);
        var uncached = new ShardMap(7, cacheLimit: 0);
        var accounts = Enumerable.Range(0, 500).Select(i => $"acct-{i}").ToArray();

        // Twice over: the second pass reads the remembered entries (the first 100) and computes the rest again.
        foreach (var account in accounts.Concat(accounts))
        {
            Assert.Equal(uncached.ShardOf(account), cached.ShardOf(account));
        }

        Assert.Equal(uncached.ShardOf(new string('x', 1000)), cached.ShardOf(new string('x', 1000)));
    }

    [Fact]
    public void ParticipantsIn_AreDistinctAndAscending()
    {
        var map = new ShardMap(3);
        var tx = new Transaction(0, [Operation.Anchor(new ShardId(2), "x"), Operation.Anchor(new ShardId(0), "x"), Operation.Anchor(new ShardId(2), "y")]);

        Assert.Equal([new ShardId(0), new ShardId(2)], tx.ParticipantsIn(map));
    }

    [Fact]
    public void ParticipantsIn_FollowTheMapTheyAreAskedFor()
    {
        var tx = new Transaction(0, [.. Enumerable.Range(0, 12).Select(i => Operation.Credit(new AccountId($"acct-{i}"), 1))]);
        var wide = new ShardMap(16);

        var one = tx.ParticipantsIn(new ShardMap(1));
        var many = tx.ParticipantsIn(wide);

        Assert.Equal([new ShardId(0)], one);
        Assert.Equal(tx.Operations.Select(op => op.ShardIn(wide)).Distinct().Order(), many);
        Assert.True(many.Length > 1);
        Assert.Equal(many, tx.ParticipantsIn(wide));
    }
}
