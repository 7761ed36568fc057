using CrossShard.Core.Effects;
using CrossShard.Node.Api;
using CrossShard.Node.Runtime;
using CrossShard.Storage;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

public sealed class NodeFailureTests
{
    /// <summary>A store whose writes fail, as a full or broken disk would.</summary>
    private sealed class FailingStore : IShardStore
    {
        private readonly InMemoryShardStore _inner = new();

        public ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken) =>
            _inner.OpenAsync(identity, genesis, cancellationToken);

        public ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken) =>
            throw new IOException("disk full");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AFailedWrite_StopsTheNode_AndEveryWaitingCallerHearsSo()
    {
        var manager = new EnhancedCrossShardManager(new CrossShardConfig { MaxInFlight = 1 }, new InMemoryShardNetwork(), new FailingStore());
        manager.OpenAccount("alice", 100);
        manager.OpenAccount("bob", 0);
        await manager.StartAsync();

        var first = manager.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer("alice", "bob", 1, 1));
        var second = manager.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer("alice", "bob", 2, 2));
        var all = Task.WhenAll(first, second);

        await Assert.ThrowsAsync<NodeStoppedException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<NodeStoppedException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsType<IOException>(manager.Node.Failure);
        await Assert.ThrowsAsync<NodeStoppedException>(() => manager.GetBalanceAsync("alice").WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<NodeStoppedException>(() => manager.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer("alice", "bob", 3, 3)).WaitAsync(TimeSpan.FromSeconds(10)));
        await manager.StopAsync();
        _ = all.Exception;
    }
}
