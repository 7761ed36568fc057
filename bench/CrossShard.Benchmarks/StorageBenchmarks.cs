using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Transactions;
using CrossShard.Storage;

namespace CrossShard.Benchmarks;

/// <summary>
/// Group commit on <see cref="RocksDbShardStore"/>: one synced <c>AppendAsync</c> of 1, 64 or 512 PREPARED records.
/// The batch costs one WAL fsync whatever its size, so the cost per record falls as the batch grows.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Storage")]
public class StorageAppendBenchmarks
{
    private const int DistinctBatches = 32;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crossshard-bench-append-" + Environment.ProcessId);
    private RocksDbShardStore _store = null!;
    private LogRecord[][] _batches = [];
    private int _next;

    /// <summary>PREPARED records per synced append.</summary>
    [Params(1, 64, 512)]
    public int BatchSize { get; set; }

    /// <summary>Opens a fresh store and builds the batches (ids rotate so the store stays the same size).</summary>
    [GlobalSetup]
    public void Setup()
    {
        DeleteDirectory();
        _store = new RocksDbShardStore(_directory);
        _store.OpenAsync(StorageBenchmarkData.Identity, StorageBenchmarkData.Genesis, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _batches = new LogRecord[DistinctBatches][];
        for (var b = 0; b < DistinctBatches; b++)
        {
            _batches[b] = new LogRecord[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                _batches[b][i] = StorageBenchmarkData.Prepared((b * BatchSize) + i);
            }
        }
    }

    /// <summary>Closes and deletes the store.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        DeleteDirectory();
    }

    /// <summary>One synced append of <see cref="BatchSize"/> PREPARED records.</summary>
    [Benchmark]
    public ValueTask SyncedAppend() => _store.AppendAsync(_batches[_next++ % DistinctBatches], sync: true, CancellationToken.None);

    private void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>Start-up time: <c>OpenAsync</c> of a store that has seen 100,000 finished transactions and holds 1,000 in-doubt ones.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("Storage")]
public class StorageOpenBenchmarks
{
    private const int Finished = 100_000;
    private const int InDoubt = 1_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crossshard-bench-open-" + Environment.ProcessId);

    /// <summary>Writes the store once: each finished transaction is PREPARED, COMMIT, COMMITTED and END.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DeleteDirectory();
        using var store = new RocksDbShardStore(_directory);
        store.OpenAsync(StorageBenchmarkData.Identity, StorageBenchmarkData.Genesis, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var batch = new List<LogRecord>(1_024);
        for (var i = 0; i < Finished + InDoubt; i++)
        {
            var prepared = StorageBenchmarkData.Prepared(i);
            batch.Add(prepared);
            batch.Add(StorageBenchmarkData.Commit(prepared.Tx, i));
            if (i < Finished)
            {
                batch.Add(new CommittedRecord(prepared.Tx, prepared.Writes));
                batch.Add(new EndRecord(prepared.Tx));
            }

            if (batch.Count >= 1_000)
            {
                store.AppendAsync(batch, sync: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                batch.Clear();
            }
        }

        store.AppendAsync(batch, sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Deletes the store.</summary>
    [GlobalCleanup]
    public void Cleanup() => DeleteDirectory();

    /// <summary>Opens the store, reads back everything a restart needs, and closes it.</summary>
    [Benchmark]
    public async Task<int> OpenStore()
    {
        await using var store = new RocksDbShardStore(_directory);
        var state = await store.OpenAsync(StorageBenchmarkData.Identity, StorageBenchmarkData.Genesis, CancellationToken.None);
        return state.InDoubt.Count + state.Committing.Count + state.Decided.Count;
    }

    private void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>Records shaped like a two-account transfer's.</summary>
internal static class StorageBenchmarkData
{
    public static readonly StoreIdentity Identity = new("bench", new ShardId(0), 4);

    public static readonly IReadOnlyDictionary<string, long> Genesis = Enumerable.Range(0, 1_000).ToDictionary(i => "acct-" + i, _ => 1_000_000L);

    private static readonly ImmutableArray<ShardId> Participants = [new ShardId(0), new ShardId(1)];

    public static PreparedRecord Prepared(int i)
    {
        var account = "acct-" + (i % 1_000);
        return new PreparedRecord(
            new TxId(0, 0, 0, (ulong)i),
            new ShardId(0),
            Participants,
            i,
            [new KeyWrite(account, false, new AccountState(1_000_000 - i, i + 1))],
            [account]);
    }

    public static CommitDecisionRecord Commit(TxId tx, int i) =>
        new(tx, Participants, Transaction.Transfer((ulong)i, new AccountId("acct-" + (i % 1_000)), new AccountId("acct-" + ((i + 1) % 1_000)), 1));
}
