using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;

namespace CrossShard.Node.Tests;

/// <summary>Which node of an embedded cluster coordinates a transaction, by lock policy.</summary>
public sealed class CoordinatorRoutingTests
{
    [Theory]
    [InlineData(LockPolicy.NoWait, false)]
    [InlineData(LockPolicy.WaitForOlder, false)]
    [InlineData(LockPolicy.Ordered, true)]
    public async Task ATransfer_IsCoordinatedByTheDebitedShard_OrUnderOrderedAcquisitionByItsLastParticipant(LockPolicy policy, bool last)
    {
        await using var cluster = new EmbeddedCluster(new EmbeddedClusterOptions
        {
            Shards = 4,
            Signatures = false,
            NodeConfig = new CrossShardConfig { LockPolicy = policy },
        });
        var checkedBoth = (Down: false, Up: false);
        for (var i = 0; i < 64; i++)
        {
            var transfer = CrossShardTransaction.Transfer($"acct-{i}", $"acct-{i + 100}", 1, (ulong)i);
            var from = cluster.Map.ShardOf($"acct-{i}");
            var to = cluster.Map.ShardOf($"acct-{i + 100}");
            if (from == to)
            {
                continue;
            }

            var expected = last ? new ShardId(Math.Max(from.Value, to.Value)) : from;
            Assert.Equal(expected, cluster.CoordinatorFor(transfer).LocalShard);
            checkedBoth = from.Value > to.Value ? checkedBoth with { Down = true } : checkedBoth with { Up = true };
        }

        // Both directions occurred, so the rule was told apart from "always the debited shard" and "always the higher".
        Assert.Equal((true, true), checkedBoth);
    }
}
