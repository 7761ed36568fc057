using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Runtime;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>The in-flight limit: the library waits for a slot by default; the fail-fast admission refuses at once.</summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    // Shard 1 never starts, so a transfer to it stays in flight until the (long) vote timeout.
    private readonly EnhancedCrossShardManager _node = new(
        new CrossShardConfig { LocalShard = 0, ConnectedShards = [1], MaxInFlight = 1, TransactionTimeout = TimeSpan.FromMinutes(5) },
        new InMemoryShardNetwork());

    private string _local = string.Empty;
    private string _remote = string.Empty;
    private string _unopened = string.Empty;

    public ValueTask InitializeAsync()
    {
        var accounts = Enumerable.Range(0, 100).Select(i => $"acct-{i}").ToArray();
        _local = accounts.First(a => _node.ShardMap.ShardOf(a).Value == 0);
        _remote = accounts.First(a => _node.ShardMap.ShardOf(a).Value == 1);
        _unopened = accounts.Where(a => _node.ShardMap.ShardOf(a).Value == 0).Skip(1).First();
        _node.OpenAccount(_local, 100);
        _node.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _node.StopAsync();

    [Fact]
    public async Task FailWhenBusy_AtTheLimit_ThrowsNodeBusy_AndSubmitsNothing()
    {
        var first = _node.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(_local, _remote, 1, 1));
        await WaitForAsync(() => _node.InFlight == 1);
        var refused = CrossShardTransaction.Transfer(_local, _remote, 2, 2);

        var error = await Assert.ThrowsAsync<NodeBusyException>(() => _node.InitiateCrossShardTransactionAsync(refused, AdmissionMode.FailWhenBusy));

        Assert.Equal(_node.LocalShard, error.Shard);
        Assert.Equal(TransactionPhase.Unknown, _node.GetTransactionStatus(refused.Id).Phase);
        Assert.Equal(1, _node.InFlight);
        Assert.False(first.IsCompleted);
    }

    [Fact]
    public async Task DefaultAdmission_AtTheLimit_WaitsForASlot()
    {
        _ = _node.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(_local, _remote, 1, 1));
        await WaitForAsync(() => _node.InFlight == 1);
        using var cancel = new CancellationTokenSource();

        var waiting = _node.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(_local, _remote, 2, 2), cancel.Token);
        await cancel.CancelAsync();

        // It was waiting for a slot (never refused): only the caller's cancellation ends the wait.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task FailWhenBusy_WithAFreeSlot_Runs()
    {
        var outcome = await _node.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(_local, _unopened, 5, 3), AdmissionMode.FailWhenBusy);

        Assert.Equal(Core.Messages.AbortReason.UnknownAccount, outcome.Reason);
        Assert.Equal(0, _node.InFlight);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(5);
        }
    }
}
