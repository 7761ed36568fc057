using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;

namespace CrossShard.Storage;

/// <summary>
/// A shard store held in memory, for the embedded cluster and tests. It keeps exactly what a durable store keeps —
/// account state, anchors, unfinished PREPARED and COMMIT records, decided transaction ids — and compacts finished
/// transactions at once. It counts appends and syncs so tests can check group commit.
/// </summary>
/// <remarks>
/// Crash simulation: an append with <c>sync: false</c> is held in a volatile buffer, like a write still in the OS page
/// cache. The next synced append applies the buffer first (in order) and then its own records to the durable image, as
/// does <see cref="Flush"/>, a reopen through <see cref="OpenAsync"/> (a clean restart) and disposal.
/// <see cref="CrashAndRestart"/> drops the buffer in place; <see cref="SimulateCrash"/> returns a new store over a copy
/// of the durable image. <see cref="LiveTransactions"/> counts what a reader would see, buffer included.
/// </remarks>
public sealed class InMemoryShardStore : IShardStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<TxId, PreparedRecord> _prepared = [];
    private readonly Dictionary<TxId, CommitDecisionRecord> _committing = [];
    private readonly Dictionary<TxId, DecisionKind> _decided = [];
    private readonly HashSet<TxId> _heuristic = [];
    private readonly List<LogRecord> _unsynced = [];
    private StoreIdentity? _identity;

    /// <summary>Records appended since creation.</summary>
    public long RecordsAppended { get; private set; }

    /// <summary>Appends that had to be durable (one per group commit).</summary>
    public long Syncs { get; private set; }

    /// <summary>Records appended without a sync and not yet made durable: what a crash now would lose.</summary>
    public int UnsyncedRecords
    {
        get
        {
            lock (_gate)
            {
                return _unsynced.Count;
            }
        }
    }

    /// <summary>Number of transactions with records still needed for recovery (unsynced records included).</summary>
    public int LiveTransactions
    {
        get
        {
            lock (_gate)
            {
                return _prepared.Count + _committing.Count + UnsyncedLiveDelta_NeedsLock();
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(genesis);
        lock (_gate)
        {
            var isNew = _identity is null;
            if (isNew)
            {
                _identity = identity;
                foreach (var (account, balance) in genesis)
                {
                    _accounts[account] = new AccountState(balance, 0);
                }
            }
            else if (!string.Equals(_identity!.ClusterId, identity.ClusterId, StringComparison.Ordinal))
            {
                throw new StoreException(StoreError.WrongCluster, "memory", $"the store belongs to cluster '{_identity.ClusterId}', not '{identity.ClusterId}'");
            }
            else if (_identity != identity)
            {
                throw new StoreException(StoreError.WrongShard, "memory", $"the store belongs to {_identity.Shard} of {_identity.ShardCount}, not {identity.Shard} of {identity.ShardCount}");
            }

            // A reopen without a crash is a clean restart: everything written reached the durable image.
            Flush_NeedsLock();
            return ValueTask.FromResult(new RecoveredState(
                isNew,
                new Dictionary<string, AccountState>(_accounts, StringComparer.Ordinal),
                new HashSet<string>(_anchors, StringComparer.Ordinal),
                _prepared.Values.ToList(),
                _committing.Values.ToList(),
                new Dictionary<TxId, DecisionKind>(_decided),
                _prepared.Count + _committing.Count)
            {
                HeuristicDecisions = new HashSet<TxId>(_heuristic),
            });
        }
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _unsynced.AddRange(records);
            RecordsAppended += records.Count;
            if (sync)
            {
                Flush_NeedsLock();
                Syncs++;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Makes every unsynced record durable, as the OS would by writing its page cache back.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            Flush_NeedsLock();
        }
    }

    /// <summary>
    /// Simulates a crash of the machine and a restart on this instance: unsynced records are lost, synced ones stay.
    /// Call <see cref="OpenAsync"/> next, as a restarted node would.
    /// </summary>
    /// <returns>How many unsynced records were lost.</returns>
    public int CrashAndRestart()
    {
        lock (_gate)
        {
            var lost = _unsynced.Count;
            _unsynced.Clear();
            return lost;
        }
    }

    /// <summary>
    /// Simulates a crash without touching this instance: returns a new store holding a copy of the durable image (no
    /// unsynced records, counters at zero), for the restarted node. This instance stands for the dead process.
    /// </summary>
    public InMemoryShardStore SimulateCrash()
    {
        var copy = new InMemoryShardStore();
        lock (_gate)
        {
            copy._identity = _identity;
            foreach (var (key, value) in _accounts)
            {
                copy._accounts[key] = value;
            }

            copy._anchors.UnionWith(_anchors);
            foreach (var (key, value) in _prepared)
            {
                copy._prepared[key] = value;
            }

            foreach (var (key, value) in _committing)
            {
                copy._committing[key] = value;
            }

            foreach (var (key, value) in _decided)
            {
                copy._decided[key] = value;
            }
        }

        return copy;
    }

    /// <summary>Disposal is a clean shutdown: unsynced records become durable.</summary>
    public ValueTask DisposeAsync()
    {
        Flush();
        return ValueTask.CompletedTask;
    }

    private void Flush_NeedsLock()
    {
        foreach (var record in _unsynced)
        {
            Apply(record);
        }

        _unsynced.Clear();
    }

    /// <summary>How the unsynced records change the number of live transactions, without applying them.</summary>
    private int UnsyncedLiveDelta_NeedsLock()
    {
        if (_unsynced.Count == 0)
        {
            return 0;
        }

        var prepared = new Dictionary<TxId, bool>();
        var committing = new Dictionary<TxId, bool>();
        foreach (var record in _unsynced.Select(StoredAs.Normalize))
        {
            switch (record)
            {
                case PreparedRecord:
                    prepared[record.Tx] = true;
                    break;
                case CommittedRecord or AbortedRecord:
                    prepared[record.Tx] = false;
                    break;
                case CommitDecisionRecord:
                    committing[record.Tx] = true;
                    break;
                case EndRecord:
                    committing[record.Tx] = false;
                    break;
            }
        }

        var delta = 0;
        foreach (var (tx, live) in prepared)
        {
            delta += (live ? 1 : 0) - (_prepared.ContainsKey(tx) ? 1 : 0);
        }

        foreach (var (tx, live) in committing)
        {
            delta += (live ? 1 : 0) - (_committing.ContainsKey(tx) ? 1 : 0);
        }

        return delta;
    }

    private void Apply(LogRecord record)
    {
        if (record is HeuristicDecisionRecord heuristic)
        {
            _heuristic.Add(heuristic.Tx);
        }

        switch (StoredAs.Normalize(record))
        {
            case PreparedRecord prepared:
                _prepared[prepared.Tx] = prepared;
                break;
            case CommittedRecord committed:
                foreach (var write in committed.Writes)
                {
                    if (write.IsAnchor)
                    {
                        _anchors.Add(write.Key);
                    }
                    else
                    {
                        _accounts[write.Key] = write.State;
                    }
                }

                _prepared.Remove(committed.Tx);
                _decided[committed.Tx] = DecisionKind.Commit;
                break;
            case AbortedRecord aborted:
                _prepared.Remove(aborted.Tx);
                _decided[aborted.Tx] = DecisionKind.Abort;
                break;
            case CommitDecisionRecord commit:
                _committing[commit.Tx] = commit;
                break;
            case EndRecord end:
                _committing.Remove(end.Tx);
                break;
        }
    }
}
