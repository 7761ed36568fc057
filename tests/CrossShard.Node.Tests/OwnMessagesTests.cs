using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>
/// A node handles the messages it sends itself in the batch that produced them, before that batch's write: a
/// transaction whose only participant is its coordinator is prepared, committed, applied and ended in one atomic
/// write, and its client hears nothing until that write is durable.
/// </summary>
public sealed class OwnMessagesTests
{
    [Fact]
    public async Task ATransactionOnTheCoordinatorsOwnShard_TakesOneWrite_AndIsAnsweredAfterIt()
    {
        var map = new ShardMap(2);
        var local = Enumerable.Range(0, 100).Select(i => $"a{i}").Where(a => map.ShardOf(a) == new ShardId(0)).Take(2).ToArray();
        var store = new BlockingStore();
        var manager = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 0, ConnectedShards = [1], HeartbeatInterval = TimeSpan.FromDays(1) }, new SilentNetwork(), store);
        manager.OpenAccount(local[0], 100);
        manager.OpenAccount(local[1], 100);
        await manager.StartAsync();
        try
        {
            store.Block();
            var outcome = manager.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(local[0], local[1], 10, 1));

            var batch = await store.FirstBlockedBatchAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Contains(batch, r => r is PreparedRecord);
            Assert.Contains(batch, r => r is CommitDecisionRecord);
            Assert.Contains(batch, r => r is CommittedRecord);
            Assert.False(outcome.IsCompleted);

            store.Release();
            Assert.Equal(DecisionKind.Commit, (await outcome.WaitAsync(TimeSpan.FromSeconds(10))).Decision);
        }
        finally
        {
            store.Release();
            await manager.StopAsync();
        }
    }

    /// <summary>A network to a peer that never answers (the transaction here needs none).</summary>
    private sealed class SilentNetwork : IShardNetwork
    {
        public void Register(ShardId shard, IMessageSink sink)
        {
        }

        public void Unregister(ShardId shard)
        {
        }

        public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
        {
        }
    }
}
