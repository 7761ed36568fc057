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
public sealed class InMemoryShardStore : IShardStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<TxId, PreparedRecord> _prepared = [];
    private readonly Dictionary<TxId, CommitDecisionRecord> _committing = [];
    private readonly Dictionary<TxId, DecisionKind> _decided = [];
    private StoreIdentity? _identity;

    /// <summary>Records appended since creation.</summary>
    public long RecordsAppended { get; private set; }

    /// <summary>Appends that had to be durable (one per group commit).</summary>
    public long Syncs { get; private set; }

    /// <summary>Number of transactions with records still needed for recovery.</summary>
    public int LiveTransactions
    {
        get
        {
            lock (_gate)
            {
                return _prepared.Count + _committing.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken)
    {
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

            return ValueTask.FromResult(new RecoveredState(
                isNew,
                new Dictionary<string, AccountState>(_accounts, StringComparer.Ordinal),
                new HashSet<string>(_anchors, StringComparer.Ordinal),
                _prepared.Values.ToList(),
                _committing.Values.ToList(),
                new Dictionary<TxId, DecisionKind>(_decided),
                _prepared.Count + _committing.Count));
        }
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var record in records)
            {
                Apply(record);
            }

            RecordsAppended += records.Count;
            if (sync)
            {
                Syncs++;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Apply(LogRecord record)
    {
        switch (record)
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
