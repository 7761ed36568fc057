using CrossShard.Core.Effects;
using CrossShard.Core.Ids;

namespace CrossShard.Storage;

/// <summary>
/// A write-ahead log held in memory, for the embedded cluster and tests. It keeps the records of unfinished
/// transactions (finished ones are compacted away at once) and counts appends and syncs so tests can check
/// group commit.
/// </summary>
public sealed class InMemoryShardStore : IShardStore
{
    private readonly Dictionary<TxId, List<LogRecord>> _live = [];
    private readonly Lock _gate = new();

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
                return _live.Count;
            }
        }
    }

    /// <summary>The records still needed for recovery, in append order per transaction.</summary>
    public IReadOnlyList<LogRecord> LiveRecords()
    {
        lock (_gate)
        {
            return _live.Values.SelectMany(static r => r).ToList();
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
                switch (record)
                {
                    // A participant's COMMITTED/ABORTED and a coordinator's END close the transaction's history here.
                    case CommittedRecord or AbortedRecord or EndRecord:
                        _live.Remove(record.Tx);
                        break;
                    default:
                        if (!_live.TryGetValue(record.Tx, out var list))
                        {
                            _live[record.Tx] = list = [];
                        }

                        list.Add(record);
                        break;
                }
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
}
