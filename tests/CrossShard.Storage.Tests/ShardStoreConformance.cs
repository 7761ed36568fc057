using System.Collections.Immutable;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Storage.Tests;

/// <summary>The behaviour every <see cref="IShardStore"/> must have; each store's test class derives from this one.</summary>
public abstract class ShardStoreConformance : IAsyncLifetime
{
    protected static readonly StoreIdentity Identity = new("cluster-a", new ShardId(1), 4);

    protected static readonly IReadOnlyDictionary<string, long> Genesis = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["alice"] = 100,
        ["bob"] = 50,
        ["zoë"] = 0,
    };

    private readonly List<IShardStore> _opened = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store.</summary>
    protected abstract IShardStore NewStore();

    /// <summary>Shuts <paramref name="store"/> down cleanly and returns the store a restarted node opens over the same data.</summary>
    protected abstract ValueTask<IShardStore> RestartAsync(IShardStore store);

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Genesis_ThenReopen_ReturnsTheSameAccounts()
    {
        var store = Track(NewStore());
        var created = await store.OpenAsync(Identity, Genesis, Ct);
        Assert.True(created.IsNew);
        AssertAccounts(Genesis.ToDictionary(p => p.Key, p => new AccountState(p.Value, 0)), created);

        var reopened = await OpenAgainAsync(store);
        Assert.False(reopened.IsNew);
        AssertAccounts(Genesis.ToDictionary(p => p.Key, p => new AccountState(p.Value, 0)), reopened);
        Assert.Empty(reopened.InDoubt);
        Assert.Empty(reopened.Committing);
        Assert.Empty(reopened.Anchors);
        Assert.Empty(reopened.Decided);
        Assert.Equal(0, reopened.RecordsReplayed);
    }

    [Fact]
    public async Task Prepared_SurvivesReopen_AsInDoubt()
    {
        var store = await OpenNewAsync();
        var prepared = Prepared(1, ("alice", 70, 1));
        await store.AppendAsync([prepared], sync: true, Ct);

        var state = await OpenAgainAsync(store);
        RecordAssert.Equal(prepared, Assert.Single(state.InDoubt));
        Assert.Equal(1, state.RecordsReplayed);
        Assert.Equal(new AccountState(100, 0), state.Accounts["alice"]);
        Assert.Empty(state.Decided);
    }

    [Fact]
    public async Task Committed_AppliesWrites_RemovesInDoubt_AndSurvivesReopen()
    {
        var store = await OpenNewAsync();
        var prepared = Prepared(2, ("alice", 70, 1), ("carol", 30, 1));
        await store.AppendAsync([prepared], sync: true, Ct);
        await store.AppendAsync([new CommittedRecord(prepared.Tx, [.. prepared.Writes, new KeyWrite("receipt-7", true, default)])], sync: false, Ct);

        var state = await OpenAgainAsync(store);
        Assert.Empty(state.InDoubt);
        Assert.Equal(new AccountState(70, 1), state.Accounts["alice"]);
        Assert.Equal(new AccountState(30, 1), state.Accounts["carol"]);
        Assert.Equal(new AccountState(50, 0), state.Accounts["bob"]);
        Assert.Equal(["receipt-7"], state.Anchors);
        Assert.Equal(DecisionKind.Commit, state.Decided[prepared.Tx]);
        Assert.Equal(0, state.RecordsReplayed);
    }

    [Theory]
    [InlineData(DecisionKind.Commit, 70)]
    [InlineData(DecisionKind.Abort, 100)]
    public async Task HeuristicDecision_SettlesTheInDoubtTransactionLikeTheRealDecision(DecisionKind decision, long aliceAfter)
    {
        var store = await OpenNewAsync();
        var prepared = Prepared(3, ("alice", 70, 1));
        await store.AppendAsync([prepared], sync: true, Ct);
        var writes = decision == DecisionKind.Commit ? prepared.Writes : [];
        await store.AppendAsync([new HeuristicDecisionRecord(prepared.Tx, decision, writes)], sync: true, Ct);

        var state = await OpenAgainAsync(store);
        Assert.Empty(state.InDoubt);
        Assert.Equal(aliceAfter, state.Accounts["alice"].Balance);
        Assert.Equal(decision, state.Decided[prepared.Tx]);
        Assert.Contains(prepared.Tx, state.HeuristicDecisions);
    }

    [Fact]
    public async Task Aborted_DropsThePreparedRecord_AndKeepsAccounts()
    {
        var store = await OpenNewAsync();
        var prepared = Prepared(3, ("bob", 0, 1));
        await store.AppendAsync([prepared], sync: true, Ct);
        await store.AppendAsync([new AbortedRecord(prepared.Tx)], sync: true, Ct);

        var state = await OpenAgainAsync(store);
        Assert.Empty(state.InDoubt);
        Assert.Equal(new AccountState(50, 0), state.Accounts["bob"]);
        Assert.Equal(DecisionKind.Abort, state.Decided[prepared.Tx]);
    }

    [Fact]
    public async Task PreparedAndDecidedInOneBatch_LeaveNothingInDoubt()
    {
        var store = await OpenNewAsync();
        var committed = Prepared(4, ("alice", 99, 1));
        var aborted = Prepared(5, ("bob", 1, 1));
        await store.AppendAsync([committed, aborted, new CommittedRecord(committed.Tx, committed.Writes), new AbortedRecord(aborted.Tx)], sync: true, Ct);

        var state = await OpenAgainAsync(store);
        Assert.Empty(state.InDoubt);
        Assert.Equal(new AccountState(99, 1), state.Accounts["alice"]);
        Assert.Equal(new AccountState(50, 0), state.Accounts["bob"]);
        Assert.Equal(DecisionKind.Commit, state.Decided[committed.Tx]);
        Assert.Equal(DecisionKind.Abort, state.Decided[aborted.Tx]);
    }

    [Fact]
    public async Task CommitRecord_SurvivesReopen_UntilItsEndRecord()
    {
        var store = await OpenNewAsync();
        var commit = Commit(6);
        var other = Commit(7);
        await store.AppendAsync([commit, other], sync: true, Ct);

        var state = await OpenAgainAsync(store);
        Assert.Equal(2, state.Committing.Count);
        RecordAssert.Equal(commit, state.Committing.Single(c => c.Tx == commit.Tx));
        Assert.Equal(2, state.RecordsReplayed);

        var reopened = CurrentStore;
        await reopened.AppendAsync([new EndRecord(commit.Tx)], sync: false, Ct);
        state = await OpenAgainAsync(reopened);
        RecordAssert.Equal(other, Assert.Single(state.Committing));
        Assert.Empty(state.Decided);
    }

    [Fact]
    public async Task UnsyncedAppends_SurviveACleanRestart()
    {
        var store = await OpenNewAsync();
        var prepared = Prepared(8, ("alice", 1, 1));
        await store.AppendAsync([prepared], sync: false, Ct);

        var state = await OpenAgainAsync(store);
        RecordAssert.Equal(prepared, Assert.Single(state.InDoubt));
    }

    [Fact]
    public async Task WrongCluster_IsRefused_AndTheStoreIsKept()
    {
        var store = await OpenNewAsync();
        var restarted = await RestartAsync(store);
        var error = await Assert.ThrowsAsync<StoreException>(() => restarted.OpenAsync(Identity with { ClusterId = "cluster-b" }, Genesis, Ct).AsTask());
        Assert.Equal(StoreError.WrongCluster, error.Error);
        Assert.Contains("cluster-a", error.Message, StringComparison.Ordinal);
        await AssertStillOpensAsync(restarted);
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(1, 8)]
    public async Task WrongShardOrShardCount_IsRefused_AndTheStoreIsKept(int shard, int shardCount)
    {
        var store = await OpenNewAsync();
        var restarted = await RestartAsync(store);
        var error = await Assert.ThrowsAsync<StoreException>(() => restarted.OpenAsync(new StoreIdentity("cluster-a", new ShardId(shard), shardCount), Genesis, Ct).AsTask());
        Assert.Equal(StoreError.WrongShard, error.Error);
        await AssertStillOpensAsync(restarted);
    }

    [Fact]
    public async Task ManyTransactions_RecoverExactlyTheUnfinishedOnes()
    {
        var store = await OpenNewAsync();
        var unfinished = new List<PreparedRecord>();
        var unended = new List<CommitDecisionRecord>();
        var balance = 100L;
        for (var i = 0; i < 300; i++)
        {
            balance--;
            var prepared = Prepared((ulong)(100 + i), ("alice", balance, i + 1));
            var commit = Commit((ulong)(100 + i));
            List<LogRecord> batch = [prepared, commit];
            if (i % 10 == 0)
            {
                unfinished.Add(prepared);
                unended.Add(commit);
                balance++;
            }
            else
            {
                batch.Add(new CommittedRecord(prepared.Tx, prepared.Writes));
                batch.Add(new EndRecord(commit.Tx));
            }

            await store.AppendAsync(batch, sync: i % 3 == 0, Ct);
        }

        var state = await OpenAgainAsync(store);
        Assert.Equal(unfinished.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal), state.InDoubt.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(unended.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal), state.Committing.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(270, state.Decided.Count);
        Assert.Equal(60, state.RecordsReplayed);
        Assert.Equal(100 - 270, state.Accounts["alice"].Balance);
    }

    /// <summary>The store the last <see cref="OpenAgainAsync"/> opened.</summary>
    protected IShardStore CurrentStore => _opened[^1];

    protected IShardStore Track(IShardStore store)
    {
        if (!_opened.Contains(store))
        {
            _opened.Add(store);
        }

        return store;
    }

    protected async Task<IShardStore> OpenNewAsync()
    {
        var store = Track(NewStore());
        var state = await store.OpenAsync(Identity, Genesis, Ct);
        Assert.True(state.IsNew);
        return store;
    }

    protected async Task<RecoveredState> OpenAgainAsync(IShardStore store)
    {
        var restarted = Track(await RestartAsync(store));
        var state = await restarted.OpenAsync(Identity, Genesis, Ct);
        Assert.False(state.IsNew);
        return state;
    }

    protected static PreparedRecord Prepared(ulong nonce, params (string Account, long Balance, long Version)[] writes)
    {
        var tx = Transaction.Transfer(nonce, new AccountId("alice"), new AccountId("bob"), 1);
        return new PreparedRecord(
            tx.Id,
            new ShardId(0),
            [new ShardId(0), new ShardId(1)],
            (long)nonce,
            [.. writes.Select(w => new KeyWrite(w.Account, false, new AccountState(w.Balance, w.Version)))],
            [.. writes.Select(w => w.Account)]);
    }

    protected static CommitDecisionRecord Commit(ulong nonce)
    {
        var tx = new Transaction(nonce, [Operation.Debit(new AccountId("alice"), 1), Operation.Anchor(new ShardId(2), "receipt-" + nonce)]);
        return new CommitDecisionRecord(tx.Id, [new ShardId(1), new ShardId(2)], tx);
    }

    private async Task AssertStillOpensAsync(IShardStore refused)
    {
        var state = await refused.OpenAsync(Identity, Genesis, Ct);
        Assert.False(state.IsNew);
        Assert.Equal(new AccountState(100, 0), state.Accounts["alice"]);
    }

    private static void AssertAccounts(Dictionary<string, AccountState> expected, RecoveredState state) =>
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), state.Accounts.OrderBy(p => p.Key, StringComparer.Ordinal));
}
