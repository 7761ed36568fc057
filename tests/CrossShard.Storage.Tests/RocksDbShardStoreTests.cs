using System.Buffers.Binary;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CsCheck;

namespace CrossShard.Storage.Tests;

public sealed class RocksDbShardStoreTests : ShardStoreConformance
{
    private readonly TempDirectory _temp = new();
    private int _stores;

    private string StorePath => _temp.Sub("store");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }

    protected override IShardStore NewStore() => new RocksDbShardStore(Interlocked.Increment(ref _stores) == 1 ? StorePath : _temp.Sub("store" + _stores));

    protected override async ValueTask<IShardStore> RestartAsync(IShardStore store)
    {
        await store.DisposeAsync();
        return new RocksDbShardStore(((RocksDbShardStore)store).Directory);
    }

    [Theory]
    [InlineData(RocksDbShardStore.PreparedFamily)]
    [InlineData(RocksDbShardStore.CoordinatorFamily)]
    [InlineData(RocksDbShardStore.AccountsFamily)]
    [InlineData(RocksDbShardStore.AnchorsFamily)]
    [InlineData(RocksDbShardStore.DecidedFamily)]
    [InlineData(RocksDbShardStore.MetaFamily)]
    public async Task FlippedByteInAStoredValue_IsCorruptOnOpen_NamingWhere(string family)
    {
        await WriteSampleAsync();
        string corruptedKey;
        using (var db = RawRocksDb.Open(StorePath))
        {
            var (key, value) = RawRocksDb.Entries(db, family)[^1];
            value[value.Length / 2] ^= 0x20;
            db.Put(key, value, db.GetColumnFamily(family));
            corruptedKey = family is RocksDbShardStore.PreparedFamily or RocksDbShardStore.CoordinatorFamily or RocksDbShardStore.DecidedFamily
                ? Convert.ToHexStringLower(key)
                : System.Text.Encoding.UTF8.GetString(key);
        }

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.Corrupt, error.Error);
        Assert.Contains(StorePath, error.Location, StringComparison.Ordinal);
        Assert.Contains($"[{family}]", error.Location, StringComparison.Ordinal);
        Assert.Contains(corruptedKey, error.Location, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueMovedToAnotherKey_IsCorrupt()
    {
        await WriteSampleAsync();
        using (var db = RawRocksDb.Open(StorePath))
        {
            var accounts = db.GetColumnFamily(RocksDbShardStore.AccountsFamily);
            db.Put("mallory"u8.ToArray(), db.Get("alice"u8.ToArray(), accounts), accounts);
        }

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.Corrupt, error.Error);
        Assert.Contains("'mallory'", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewerStoreFormatInMeta_IsNewerFormat()
    {
        await WriteSampleAsync();
        using (var db = RawRocksDb.Open(StorePath))
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(payload, StoreValues.StoreFormatVersion + 1);
            db.Put("format"u8.ToArray(), RecordCodecTests.Frame(1, (byte)RecordType.StoreFormat, payload), db.GetColumnFamily(RocksDbShardStore.MetaFamily));
        }

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.NewerFormat, error.Error);
        Assert.Contains(StorePath, error.Location, StringComparison.Ordinal);
        Assert.Contains("store format version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewerFrameVersionOfARecord_IsNewerFormat()
    {
        await WriteSampleAsync();
        using (var db = RawRocksDb.Open(StorePath))
        {
            var prepared = db.GetColumnFamily(RocksDbShardStore.PreparedFamily);
            var (key, value) = RawRocksDb.Entries(db, RocksDbShardStore.PreparedFamily)[0];
            db.Put(key, RecordCodecTests.Frame(RecordCodec.FormatVersion + 1, value[1], value[6..^8]), prepared);
        }

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.NewerFormat, error.Error);
    }

    [Fact]
    public async Task StoreWrittenWithVersion1Frames_StillOpens_WithTheSameState()
    {
        await WriteSampleAsync();
        RecoveredState expected;
        await using (var store = new RocksDbShardStore(StorePath))
        {
            expected = await store.OpenAsync(Identity, Genesis, Ct);
        }

        // Rewrite every value of every family as the previous build wrote it: version 1, SHA3-256 checksum.
        using (var db = RawRocksDb.Open(StorePath))
        {
            foreach (var name in RocksDbShardStore.ColumnFamilyNames)
            {
                var family = db.GetColumnFamily(name);
                foreach (var (key, value) in RawRocksDb.Entries(db, name))
                {
                    db.Put(key, RecordCodecTests.Frame(1, value[1], value[6..^8]), family);
                }
            }
        }

        await using var reopened = new RocksDbShardStore(StorePath);
        var recovered = await reopened.OpenAsync(Identity, Genesis, Ct);
        Assert.Equal(expected.InDoubt.Select(static p => p.Tx), recovered.InDoubt.Select(static p => p.Tx));
        Assert.Equal(expected.Decided.OrderBy(static kv => kv.Key.ToString()), recovered.Decided.OrderBy(static kv => kv.Key.ToString()));
        Assert.Equal(expected.Accounts.OrderBy(static kv => kv.Key, StringComparer.Ordinal), recovered.Accounts.OrderBy(static kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Committing.Select(static c => c.Tx), recovered.Committing.Select(static c => c.Tx));
        Assert.NotEmpty(recovered.Accounts);
    }

    [Fact]
    public async Task DirectoryOfUnrelatedFiles_IsUnavailable_AndLeftUntouched()
    {
        // No CURRENT file: nothing identifies a store, and creating one would mix its files with someone else's.
        Directory.CreateDirectory(StorePath);
        var random = new Random(7);
        for (var i = 0; i < 3; i++)
        {
            var bytes = new byte[100];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(StorePath, $"file{i}.bin"), bytes, Ct);
        }

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.Unavailable, error.Error);
        Assert.Contains("no CURRENT file", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(StorePath).Length);
    }

    [Fact]
    public async Task DirectoryWithAGarbageCurrentFile_IsCorrupt()
    {
        // A CURRENT file claims a RocksDB store, so damage to it is corruption of that store.
        Directory.CreateDirectory(StorePath);
        await File.WriteAllTextAsync(Path.Combine(StorePath, "CURRENT"), "garbage-without-newline", Ct);

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.Corrupt, error.Error);
    }

    [Fact]
    public async Task PathThatIsAFile_IsUnavailable()
    {
        Directory.CreateDirectory(_temp.Path);
        await File.WriteAllTextAsync(StorePath, "x", Ct);
        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.Unavailable, error.Error);
    }

    [Fact]
    public async Task SecondOpenWhileTheFirstIsOpen_IsUnavailable()
    {
        var first = await OpenNewAsync();
        var error = await OpenFailsAsync(new RocksDbShardStore(((RocksDbShardStore)first).Directory), Identity);
        Assert.Equal(StoreError.Unavailable, error.Error);
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);

        // The refused open changed nothing: the first store still writes.
        await first.AppendAsync([Prepared(1, ("alice", 1, 1))], sync: true, Ct);
    }

    [Fact]
    public async Task InterruptedCreation_EmptyStoreWithoutMeta_IsCreatedOnNextOpen()
    {
        Directory.CreateDirectory(_temp.Path);
        using (RawRocksDb.Open(StorePath, create: true))
        {
        }

        await using var store = new RocksDbShardStore(StorePath);
        var state = await store.OpenAsync(Identity, Genesis, Ct);
        Assert.True(state.IsNew);
        Assert.Equal(100, state.Accounts["alice"].Balance);
    }

    [Fact]
    public async Task OpenedStore_BoundsItsWalAt256MiB()
    {
        // docs/storage.md: the WAL bound, not the write buffers, decided when every column family flushed at 64 MiB.
        await using (var store = new RocksDbShardStore(StorePath))
        {
            await store.OpenAsync(Identity, Genesis, Ct);
        }

        // RocksDB records the options it ran with in OPTIONS-<n>; the newest file is this open's.
        var options = Directory.GetFiles(StorePath, "OPTIONS-*").OrderBy(f => f, StringComparer.Ordinal).Last();
        var setting = File.ReadLines(options).Select(l => l.Trim()).Single(l => l.StartsWith("max_total_wal_size=", StringComparison.Ordinal));
        Assert.Equal($"max_total_wal_size={256L * 1024 * 1024}", setting);
    }

    [Fact]
    public async Task StoreWithDataButNoMeta_IsCorrupt()
    {
        await WriteSampleAsync();
        using (var db = RawRocksDb.Open(StorePath))
        {
            db.Remove("format"u8.ToArray(), db.GetColumnFamily(RocksDbShardStore.MetaFamily));
        }

        var error = await OpenFailsAsync(new RocksDbShardStore(StorePath), Identity);
        Assert.Equal(StoreError.Corrupt, error.Error);
    }

    [Fact]
    public async Task HundredThousandFinishedTransactions_LeaveNothingToReplay()
    {
        const int Finished = 100_000;
        const int InDoubt = 25;
        const int Window = 1_000;
        var options = new RocksDbStoreOptions { DecidedWindow = Window };
        PreparedRecord? lastCommitted = null;
        var unfinished = new List<PreparedRecord>();
        await using (var store = new RocksDbShardStore(StorePath, options))
        {
            await store.OpenAsync(Identity, Genesis, Ct);
            var batch = new List<LogRecord>(512);
            for (var i = 0; i < Finished + InDoubt; i++)
            {
                var tx = new TxId(0, 0, 0, (ulong)i);
                var prepared = new PreparedRecord(tx, new ShardId(1), [new ShardId(1)], i, [new KeyWrite("alice", false, new AccountState(i, i + 1))], ["alice"]);
                batch.Add(prepared);
                batch.Add(new CommitDecisionRecord(tx, [new ShardId(1)], new Core.Transactions.Transaction((ulong)i, [])));
                if (i < Finished)
                {
                    batch.Add(new CommittedRecord(tx, prepared.Writes));
                    batch.Add(new EndRecord(tx));
                    lastCommitted = prepared;
                }
                else
                {
                    unfinished.Add(prepared);
                }

                if (batch.Count >= 512)
                {
                    await store.AppendAsync(batch, sync: i % 8_192 == 0, Ct);
                    batch.Clear();
                }
            }

            await store.AppendAsync(batch, sync: true, Ct);
            Assert.Equal((Finished * 4) + (InDoubt * 2), store.RecordsAppended);
        }

        await using (var reopened = new RocksDbShardStore(StorePath, options))
        {
            var state = await reopened.OpenAsync(Identity, Genesis, Ct);
            Assert.Equal(unfinished.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal), state.InDoubt.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal));
            Assert.Equal(unfinished.Select(p => p.Tx.ToString()).Order(StringComparer.Ordinal), state.Committing.Select(c => c.Tx.ToString()).Order(StringComparer.Ordinal));
            Assert.Equal(InDoubt * 2, state.RecordsReplayed);
            Assert.InRange(state.Decided.Count, Window, Window + (int)options.EvictionChunk);
            Assert.Equal(DecisionKind.Commit, state.Decided[lastCommitted!.Tx]);
            Assert.False(state.Decided.ContainsKey(new TxId(0, 0, 0, 0)));
            Assert.Equal(lastCommitted.Writes[0].State, state.Accounts["alice"]);
        }

        using var db = RawRocksDb.Open(StorePath);
        Assert.Equal(InDoubt, RawRocksDb.Entries(db, RocksDbShardStore.PreparedFamily).Count);
        Assert.Equal(InDoubt, RawRocksDb.Entries(db, RocksDbShardStore.CoordinatorFamily).Count);
        Assert.InRange(RawRocksDb.Entries(db, RocksDbShardStore.DecidedFamily).Count, Window, Window + (int)options.EvictionChunk);
    }

    [Fact]
    public async Task DecidedWindow_KeepsTheNewestDecisionsAcrossRestarts()
    {
        var options = new RocksDbStoreOptions { DecidedWindow = 10 };
        for (var run = 0; run < 3; run++)
        {
            await using var store = new RocksDbShardStore(StorePath, options);
            await store.OpenAsync(Identity, Genesis, Ct);
            for (var i = 0; i < 25; i++)
            {
                await store.AppendAsync([new AbortedRecord(new TxId(0, 0, (ulong)run, (ulong)i))], sync: false, Ct);
            }
        }

        await using var reopened = new RocksDbShardStore(StorePath, options);
        var state = await reopened.OpenAsync(Identity, Genesis, Ct);
        Assert.InRange(state.Decided.Count, 10, 11);
        for (var i = 15; i < 25; i++)
        {
            Assert.Equal(DecisionKind.Abort, state.Decided[new TxId(0, 0, 2, (ulong)i)]);
        }

        Assert.DoesNotContain(state.Decided.Keys, tx => tx.C < 2);
    }

    [Fact]
    public async Task RandomHistories_RecoverTheSameStateAsTheInMemoryStore()
    {
        var gen = Gen.Select(RecordGen.Tx.Array[1, 6], Gen.Int[0, 4].Array[1, 40], Gen.Bool.Array[40]);
        var run = 0;
        await gen.SampleAsync(async (txs, steps, syncs) =>
        {
            var path = _temp.Sub("random" + Interlocked.Increment(ref run));
            var reference = new InMemoryShardStore();
            await reference.OpenAsync(Identity, Genesis, Ct);
            await using (var store = new RocksDbShardStore(path))
            {
                await store.OpenAsync(Identity, Genesis, Ct);
                for (var i = 0; i < steps.Length; i++)
                {
                    var tx = txs[i % txs.Length];
                    LogRecord record = steps[i] switch
                    {
                        0 => new PreparedRecord(tx, new ShardId(0), [new ShardId(1)], i, [new KeyWrite("k" + i, false, new AccountState(i, 1))], ["k" + i]),
                        1 => new CommittedRecord(tx, [new KeyWrite("alice", false, new AccountState(i, i)), new KeyWrite("a" + i, true, default)]),
                        2 => new AbortedRecord(tx),
                        3 => new CommitDecisionRecord(tx, [new ShardId(i)], new Core.Transactions.Transaction((ulong)i, [])),
                        _ => new EndRecord(tx),
                    };
                    await store.AppendAsync([record], syncs[i], Ct);
                    await reference.AppendAsync([record], syncs[i], Ct);
                }
            }

            await using var reopened = new RocksDbShardStore(path);
            var actual = await reopened.OpenAsync(Identity, Genesis, Ct);
            var expected = await reference.OpenAsync(Identity, Genesis, Ct);
            Assert.Equal(expected.Accounts.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Accounts.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(expected.Anchors.Order(StringComparer.Ordinal), actual.Anchors.Order(StringComparer.Ordinal));
            Assert.Equal(expected.Decided.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal), actual.Decided.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal));
            Assert.Equal(expected.InDoubt.Select(p => (p.Tx.ToString(), p.Priority)).Order(), actual.InDoubt.Select(p => (p.Tx.ToString(), p.Priority)).Order());
            Assert.Equal(expected.Committing.Select(p => (p.Tx.ToString(), p.Participants[0].Value)).Order(), actual.Committing.Select(p => (p.Tx.ToString(), p.Participants[0].Value)).Order());
            Assert.Equal(expected.RecordsReplayed, actual.RecordsReplayed);
        }, iter: 12, threads: 1);
    }

    [Fact]
    public async Task AppendAfterDispose_Throws()
    {
        var store = await OpenNewAsync();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync([new EndRecord(default)], sync: true, Ct).AsTask());
    }

    [Fact]
    public async Task EmptySyncedAppend_CountsAsASync()
    {
        var store = (RocksDbShardStore)await OpenNewAsync();
        await store.AppendAsync([], sync: true, Ct);
        Assert.Equal(1, store.Syncs);
        Assert.Equal(0, store.RecordsAppended);
    }

    private static async Task<StoreException> OpenFailsAsync(RocksDbShardStore store, StoreIdentity identity)
    {
        await using (store)
        {
            return await Assert.ThrowsAsync<StoreException>(() => store.OpenAsync(identity, Genesis, Ct).AsTask());
        }
    }

    /// <summary>A closed store at <see cref="StorePath"/> with a value in every column family.</summary>
    private async Task WriteSampleAsync()
    {
        await using var store = new RocksDbShardStore(StorePath);
        await store.OpenAsync(Identity, Genesis, Ct);
        var finished = Prepared(10, ("alice", 90, 1));
        await store.AppendAsync([finished, new CommittedRecord(finished.Tx, [.. finished.Writes, new KeyWrite("anchor-1", true, default)])], sync: true, Ct);
        await store.AppendAsync([Prepared(11, ("bob", 40, 1)), Commit(12)], sync: true, Ct);
    }
}
