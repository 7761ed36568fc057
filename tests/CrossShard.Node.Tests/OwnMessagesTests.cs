using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Storage;
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
        var store = new BatchRecordingStore();
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

    /// <summary>An in-memory store that can hold appends back and hands over the first batch it held.</summary>
    private sealed class BatchRecordingStore : IShardStore
    {
        private readonly InMemoryShardStore _inner = new();
        private readonly ManualResetEventSlim _open = new(initialState: true);
        private readonly TaskCompletionSource<IReadOnlyList<LogRecord>> _firstBlocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool AppendBlocksCaller => true;

        public void Block() => _open.Reset();

        public void Release() => _open.Set();

        public Task<IReadOnlyList<LogRecord>> FirstBlockedBatchAsync() => _firstBlocked.Task;

        public ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken) =>
            _inner.OpenAsync(identity, genesis, cancellationToken);

        public ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken)
        {
            if (!_open.IsSet && records.Count > 0)
            {
                _firstBlocked.TrySetResult([.. records]);
                _open.Wait(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return _inner.AppendAsync(records, sync, cancellationToken);
        }

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
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
