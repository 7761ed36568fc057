using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;

namespace CrossShard.Node.Tests;

public sealed class FailureDetectionTests
{
    private static readonly CrossShardConfig Fast = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        MissedHeartbeatsBeforeDown = 4,
        TimerResolution = TimeSpan.FromMilliseconds(5),
        TransactionTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task AnIsolatedShard_IsMarkedDown_ItsTransactionsAreRefusedOrAborted_AndItRejoinsWhenHealed()
    {
        var network = new PartitionableEnvelopeNetwork();
        var cluster = new EmbeddedCluster(new EmbeddedClusterOptions { Shards = 3, NodeConfig = Fast, EnvelopeNetwork = network });
        var on = Enumerable.Range(0, 3).Select(s => Enumerable.Range(0, 200).Select(i => $"a{i}").First(a => cluster.Map.ShardOf(a).Value == s)).ToArray();
        foreach (var account in on)
        {
            cluster.OpenAccount(account, 100);
        }

        cluster.Start();
        try
        {
            // A cold start (JIT, first signatures) can outlast the short test timeouts; begin once everyone is heard.
            Assert.True(await WaitForAsync(async () => (await cluster.Nodes[0].Node.InspectAsync(p => p.Liveness.Down.Count)) == 0));
            var first = await cluster.Nodes[0].InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(on[0], on[2], 1, 1));
            Assert.True(first.IsCommitted, first.ToString());
            await cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));

            network.Isolate(new ShardId(2));
            // Started while the partition is fresh: it waits for shard 2's vote until shard 2 is declared down.
            var pending = cluster.Nodes[0].InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(on[0], on[2], 1, 2));
            Assert.True(await WaitForAsync(() => cluster.Nodes[0].Node.InspectAsync(p => p.Liveness.IsDown(new ShardId(2)))));

            var aborted = await pending.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal((AbortReason.ShardDown, (ShardId?)new ShardId(2)), (aborted.Reason, aborted.Shard));
            var refused = await Assert.ThrowsAsync<InvalidTransactionException>(
                () => cluster.Nodes[0].InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(on[0], on[2], 1, 3)));
            Assert.Equal(TransactionError.ShardDown, refused.Error);
            Assert.True((await cluster.Nodes[0].InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(on[0], on[1], 1, 4))).IsCommitted);

            network.Heal();
            Assert.True(await WaitForAsync(async () => !await cluster.Nodes[0].Node.InspectAsync(p => p.Liveness.IsDown(new ShardId(2)))));
            Assert.True((await cluster.Nodes[0].InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(on[0], on[2], 1, 5))).IsCommitted);
            Assert.True((await cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(10))).IsQuiet);
            Assert.Equal(300, (await cluster.ShardTotalsAsync()).Sum());
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
