using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>
/// With a store whose writes block (RocksDB's synced group commit), a node hands its peers' messages to a gated network
/// while the write is in flight, gated on that write: a participant's vote is prepared during the sync and may leave
/// only once its PREPARED record is durable.
/// </summary>
public sealed class DurabilityGatedSendTests
{
    [Fact]
    public async Task AVote_IsHandedOverDuringItsWrite_GatedOnThatWrite()
    {
        var map = new ShardMap(2);
        var local = Enumerable.Range(0, 100).Select(i => $"a{i}").First(a => map.ShardOf(a) == new ShardId(0));
        var remote = Enumerable.Range(0, 100).Select(i => $"a{i}").First(a => map.ShardOf(a) == new ShardId(1));
        var store = new BlockingStore();
        var network = new RecordingNetwork();
        var manager = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 0, ConnectedShards = [1], HeartbeatInterval = TimeSpan.FromDays(1) }, network, store);
        manager.OpenAccount(local, 100);
        await manager.StartAsync();
        try
        {
            store.Block();
            var tx = Transaction.Transfer(1, new AccountId(remote), new AccountId(local), 10);
            network.Sink!.Deliver(new ShardId(1), [new Prepare(tx.Id, new ShardId(1), tx, [new ShardId(0), new ShardId(1)], 1)]);

            // The vote reaches the network while its PREPARED write is still blocked, gated on that write.
            var (vote, gate) = await network.WaitForGatedVoteAsync(tx.Id);
            Assert.Equal(VoteKind.Yes, vote.Kind);
            Assert.False(gate.IsCompleted);
            Assert.Contains(store.Blocked, record => record is PreparedRecord prepared && prepared.Tx == tx.Id);
            Assert.DoesNotContain(network.Ungated, message => message is Vote);

            store.Release();
            await gate.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            store.Release();
            await manager.StopAsync();
        }
    }

    /// <summary>Records what the node sends, and through which door.</summary>
    private sealed class RecordingNetwork : IDurabilityGatedNetwork
    {
        private readonly Lock _gate = new();
        private readonly List<(Vote Vote, Task Durable)> _gatedVotes = [];
        private readonly List<ProtocolMessage> _ungated = [];

        public IMessageSink? Sink { get; private set; }

        public IReadOnlyList<ProtocolMessage> Ungated
        {
            get
            {
                lock (_gate)
                {
                    return [.. _ungated];
                }
            }
        }

        public void Register(ShardId shard, IMessageSink sink) => Sink = sink;

        public void Unregister(ShardId shard) => Sink = null;

        public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
        {
            lock (_gate)
            {
                _ungated.AddRange(batch);
            }
        }

        public void SendWhenDurable(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch, Task durable)
        {
            lock (_gate)
            {
                _gatedVotes.AddRange(batch.OfType<Vote>().Select(vote => (vote, durable)));
            }
        }

        public async Task<(Vote Vote, Task Durable)> WaitForGatedVoteAsync(TxId tx)
        {
            for (var i = 0; i < 1000; i++)
            {
                lock (_gate)
                {
                    if (_gatedVotes.FirstOrDefault(v => v.Vote.Tx == tx) is { Vote: not null } found)
                    {
                        return found;
                    }
                }

                await Task.Delay(10);
            }

            throw new TimeoutException("no gated vote within 10 s");
        }
    }
}
