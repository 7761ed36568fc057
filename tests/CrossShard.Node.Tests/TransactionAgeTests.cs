using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>
/// Transaction ages (Prepare priorities) are on the wall clock, so that the waiting lock policies compare ages from
/// nodes started at different moments fairly; the protocol clock alone restarts at zero in every node process.
/// </summary>
public sealed class TransactionAgeTests
{
    [Fact]
    public async Task APrepare_CarriesTheNodesWallClockAsItsAge()
    {
        var wallClock = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var map = new ShardMap(2);
        var local = Enumerable.Range(0, 100).Select(i => $"a{i}").First(a => map.ShardOf(a) == new ShardId(0));
        var remote = Enumerable.Range(0, 100).Select(i => $"a{i}").First(a => map.ShardOf(a) == new ShardId(1));
        var network = new PrepareCatcher();
        var manager = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 0, ConnectedShards = [1], HeartbeatInterval = TimeSpan.FromDays(1) }, network, time: new ShiftedClock(wallClock));
        manager.OpenAccount(local, 100);
        await manager.StartAsync();
        try
        {
            _ = manager.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(local, remote, 10, 1));

            var prepare = await network.Prepare.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var age = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(prepare.Priority);
            Assert.InRange(age, wallClock, wallClock + TimeSpan.FromMinutes(1));
        }
        finally
        {
            await manager.StopAsync();
        }
    }

    /// <summary>The system clock, with its wall-clock reading moved to a fixed start.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _shift = start - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
    }

    /// <summary>Catches the first Prepare sent to the peer.</summary>
    private sealed class PrepareCatcher : IShardNetwork
    {
        public TaskCompletionSource<Prepare> Prepare { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Register(ShardId shard, IMessageSink sink)
        {
        }

        public void Unregister(ShardId shard)
        {
        }

        public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
        {
            if (to != from && batch.OfType<Prepare>().FirstOrDefault() is { } prepare)
            {
                Prepare.TrySetResult(prepare);
            }
        }
    }
}
