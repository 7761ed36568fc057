using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using RocksDbSharp;

namespace CrossShard.Storage;

/// <summary>
/// A durable shard store on RocksDB. Six column families hold the state a restart needs and nothing more:
/// <c>meta</c> (format version, identity), <c>accounts</c>, <c>anchors</c>, <c>prepared</c> (unfinished participant
/// PREPARED records), <c>coordinator</c> (unfinished COMMIT records) and <c>decided</c> (a bounded window of decisions).
/// Every <see cref="AppendAsync"/> is one atomic <see cref="WriteBatch"/>; a transaction's finishing record deletes its
/// earlier record in that batch, so finished transactions leave only their decided entry behind and start-up reads only
/// what is unfinished. Values are <see cref="RecordCodec"/> frames; layouts are in docs/storage.md.
/// </summary>
/// <remarks>
/// Threading: <see cref="OpenAsync"/>, <see cref="AppendAsync"/> and disposal must not run concurrently. The RocksDB
/// calls run synchronously on the caller's thread and the returned <see cref="ValueTask"/> is already complete
/// (<see cref="AppendBlocksCaller"/>): the node runs each append on a thread-pool thread, one at a time and in order,
/// while its loop handles the next batch; a synced write costs one WAL fsync for the whole batch (group commit).
/// </remarks>
public sealed partial class RocksDbShardStore : IShardStore, IDisposable
{
    /// <summary>Column family of the store format version and the <see cref="StoreIdentity"/>.</summary>
    public const string MetaFamily = "meta";

    /// <summary>Column family of account id → balance and version.</summary>
    public const string AccountsFamily = "accounts";

    /// <summary>Column family of the anchor keys recorded on this shard.</summary>
    public const string AnchorsFamily = "anchors";

    /// <summary>Column family of tx id → PREPARED record, for transactions this participant has not finished.</summary>
    public const string PreparedFamily = "prepared";

    /// <summary>Column family of tx id → COMMIT record, for transactions this coordinator has not ended.</summary>
    public const string CoordinatorFamily = "coordinator";

    /// <summary>Column family of (sequence, tx id) → decision, the bounded window of finished transactions.</summary>
    public const string DecidedFamily = "decided";

    private readonly RocksDbStoreOptions _options;
    private WriteOptions? _syncWrite;
    private WriteOptions? _bufferedWrite;
    private RocksDb? _db;
    private Families _families;
    private ulong _nextDecided;
    private ulong _oldestDecided;
    private StoreException? _failure;
    private bool _disposed;

    /// <summary>Creates a store over <paramref name="directory"/>; nothing is touched until <see cref="OpenAsync"/>.</summary>
    /// <param name="directory">The store's directory: missing or empty (a new store is created there) or an existing store.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    public RocksDbShardStore(string directory, RocksDbStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _options = options ?? new RocksDbStoreOptions();
    }

    /// <summary>The column families every store has, in creation order.</summary>
    public static IReadOnlyList<string> ColumnFamilyNames { get; } =
        [MetaFamily, AccountsFamily, AnchorsFamily, PreparedFamily, CoordinatorFamily, DecidedFamily];

    /// <summary>The absolute path of the store's directory (named in every error).</summary>
    public string Directory { get; }

    /// <summary>Records appended since this instance was opened.</summary>
    public long RecordsAppended { get; private set; }

    /// <inheritdoc />
    /// <remarks>True: the RocksDB write and its WAL sync run on the caller's thread.</remarks>
    public bool AppendBlocksCaller => true;

    /// <summary>Appends written with a WAL sync (one per group commit).</summary>
    public long Syncs { get; private set; }

    /// <inheritdoc />
    /// <remarks>
    /// Each record's effect, all in one write batch: PREPARED puts <c>prepared[tx]</c>; COMMITTED puts its writes into
    /// <c>accounts</c> and <c>anchors</c>, deletes <c>prepared[tx]</c> and adds a commit decision; ABORTED deletes
    /// <c>prepared[tx]</c> and adds an abort decision; COMMIT puts <c>coordinator[tx]</c>; END deletes it. When the decided
    /// window overflows, the oldest decisions are range-deleted in the same batch.
    /// </remarks>
    /// <exception cref="StoreException"><see cref="StoreError.WriteFailed"/>: the write or sync failed; this and every later append fails.</exception>
    public ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        var db = Writable();
        var next = _nextDecided;
        var oldest = _oldestDecided;
        try
        {
            if (records.Count == 0)
            {
                if (sync)
                {
                    // Nothing to add, but the caller asks that everything written so far be durable.
                    Native.Instance.rocksdb_flush_wal(db.Handle, 1);
                    Syncs++;
                }

                return ValueTask.CompletedTask;
            }

            using var batch = new WriteBatch();
            foreach (var record in records)
            {
                Add(batch, record, ref next);
            }

            var window = (ulong)_options.DecidedWindow;
            if (next - oldest > window + _options.EvictionChunk)
            {
                var keepFrom = next - window;
                var start = StoreValues.DecidedBound(oldest);
                var end = StoreValues.DecidedBound(keepFrom);
                batch.DeleteRange(start, (ulong)start.Length, end, (ulong)end.Length, _families.Decided);
                oldest = keepFrom;
            }

            db.Write(batch, sync ? _syncWrite! : _bufferedWrite!);
        }
        catch (RocksDbSharpException e)
        {
            _failure = new StoreException(StoreError.WriteFailed, Directory, $"writing {records.Count} records (sync: {sync}) failed: {e.Message}; the store accepts no further writes", e);
            throw _failure;
        }

        _nextDecided = next;
        _oldestDecided = oldest;
        RecordsAppended += records.Count;
        if (sync)
        {
            Syncs++;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the database; unsynced writes are in the WAL and survive a process exit, not a machine crash.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _db?.Dispose();
        _db = null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(WriteBatch batch, LogRecord record, ref ulong nextDecided)
    {
        var heuristic = record is HeuristicDecisionRecord;
        switch (StoredAs.Normalize(record))
        {
            case PreparedRecord prepared:
                batch.Put(prepared.Tx.ToBytes(), RecordCodec.Encode(prepared), _families.Prepared);
                break;
            case CommittedRecord committed:
                foreach (var write in committed.Writes.IsDefault ? [] : committed.Writes)
                {
                    if (write.IsAnchor)
                    {
                        batch.Put(StoreValues.Key(write.Key), StoreValues.Anchor(write.Key), _families.Anchors);
                    }
                    else
                    {
                        batch.Put(StoreValues.Key(write.Key), StoreValues.Account(write.Key, write.State), _families.Accounts);
                    }
                }

                batch.Delete(committed.Tx.ToBytes(), _families.Prepared);
                AddDecision(batch, committed.Tx, DecisionKind.Commit, heuristic, ref nextDecided);
                break;
            case AbortedRecord aborted:
                batch.Delete(aborted.Tx.ToBytes(), _families.Prepared);
                AddDecision(batch, aborted.Tx, DecisionKind.Abort, heuristic, ref nextDecided);
                break;
            case CommitDecisionRecord commit:
                batch.Put(commit.Tx.ToBytes(), RecordCodec.Encode(commit), _families.Coordinator);
                break;
            case EndRecord end:
                batch.Delete(end.Tx.ToBytes(), _families.Coordinator);
                break;
            default:
                throw new ArgumentException($"no storage rule for log record type {record.GetType().Name}", nameof(record));
        }
    }

    private void AddDecision(WriteBatch batch, TxId tx, DecisionKind decision, bool heuristic, ref ulong nextDecided)
    {
        var sequence = nextDecided++;
        batch.Put(StoreValues.DecidedKey(sequence, tx), StoreValues.Decided(sequence, tx, decision, heuristic), _families.Decided);
    }

    private RocksDb Writable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new StoreException(StoreError.WriteFailed, Directory, "an earlier write failed; the store accepts no further writes", _failure);
        }

        return _db ?? throw new InvalidOperationException("the store is not open: call OpenAsync first");
    }

    /// <summary>The handles of the store's column families.</summary>
    private readonly record struct Families(
        ColumnFamilyHandle Meta,
        ColumnFamilyHandle Accounts,
        ColumnFamilyHandle Anchors,
        ColumnFamilyHandle Prepared,
        ColumnFamilyHandle Coordinator,
        ColumnFamilyHandle Decided);
}
