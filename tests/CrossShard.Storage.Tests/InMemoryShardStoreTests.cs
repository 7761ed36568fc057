using CrossShard.Core.Effects;

namespace CrossShard.Storage.Tests;

public sealed class InMemoryShardStoreTests : ShardStoreConformance
{
    protected override IShardStore NewStore() => new InMemoryShardStore();

    protected override async ValueTask<IShardStore> RestartAsync(IShardStore store)
    {
        await store.DisposeAsync();
        return store;
    }

    [Fact]
    public async Task Crash_LosesUnsyncedRecords_AndKeepsSyncedOnes()
    {
        var store = (InMemoryShardStore)await OpenNewAsync();
        var synced = Prepared(1, ("alice", 90, 1));
        var unsynced = Prepared(2, ("bob", 40, 1));
        await store.AppendAsync([synced], sync: true, Ct);
        await store.AppendAsync([unsynced, new CommittedRecord(synced.Tx, synced.Writes)], sync: false, Ct);
        Assert.Equal(2, store.UnsyncedRecords);
        Assert.Equal(1, store.LiveTransactions);

        Assert.Equal(2, store.CrashAndRestart());
        var state = await store.OpenAsync(Identity, Genesis, Ct);
        RecordAssert.Equal(synced, Assert.Single(state.InDoubt));
        Assert.Equal(100, state.Accounts["alice"].Balance);
        Assert.Empty(state.Decided);
        Assert.Equal(1, store.LiveTransactions);
    }

    [Fact]
    public async Task SyncedAppend_FlushesEarlierUnsyncedRecordsFirst()
    {
        var store = (InMemoryShardStore)await OpenNewAsync();
        var first = Prepared(3, ("alice", 90, 1));
        var second = Prepared(4, ("bob", 40, 1));
        await store.AppendAsync([first], sync: false, Ct);
        await store.AppendAsync([new CommittedRecord(first.Tx, first.Writes)], sync: false, Ct);
        await store.AppendAsync([second], sync: true, Ct);
        await store.AppendAsync([new AbortedRecord(second.Tx)], sync: false, Ct);

        var restarted = store.SimulateCrash();
        var state = await restarted.OpenAsync(Identity, Genesis, Ct);
        RecordAssert.Equal(second, Assert.Single(state.InDoubt));
        Assert.Equal(90, state.Accounts["alice"].Balance);
        Assert.Equal(Core.Messages.DecisionKind.Commit, state.Decided[first.Tx]);
        Assert.Equal(0, restarted.RecordsAppended);
    }

    [Fact]
    public async Task Flush_MakesUnsyncedRecordsDurable()
    {
        var store = (InMemoryShardStore)await OpenNewAsync();
        var prepared = Prepared(5, ("alice", 90, 1));
        await store.AppendAsync([prepared], sync: false, Ct);
        store.Flush();
        Assert.Equal(0, store.CrashAndRestart());

        var state = await store.OpenAsync(Identity, Genesis, Ct);
        RecordAssert.Equal(prepared, Assert.Single(state.InDoubt));
    }

    [Fact]
    public async Task Counters_CountAppendsAndSyncs()
    {
        var store = (InMemoryShardStore)await OpenNewAsync();
        await store.AppendAsync([Prepared(6, ("alice", 1, 1)), Commit(6)], sync: true, Ct);
        await store.AppendAsync([Prepared(7, ("bob", 1, 1))], sync: false, Ct);
        Assert.Equal(3, store.RecordsAppended);
        Assert.Equal(1, store.Syncs);
        Assert.Equal(3, store.LiveTransactions);
    }
}
