using System.Collections.Concurrent;
using System.Collections.Immutable;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Node.Runtime;

namespace CrossShard.Node.Api;

/// <summary>
/// Follows the coordinator's events of one node to answer status queries from any thread.
/// Keeps every unfinished transaction and the most recent finished ones, up to a bound (<see cref="FinishedStatuses"/>).
/// </summary>
internal sealed class TransactionStatusTracker : IProtocolObserver
{
    // One cell per transaction, updated in place: a status changes three times in a transaction's life, and replacing
    // the dictionary's entry each time allocated a node and took a bucket lock per change (3% of a saturated run).
    private readonly ConcurrentDictionary<TxId, StatusCell> _statuses = new();
    private readonly FinishedStatuses _finished;
    private readonly ShardId _self;
    private readonly IProtocolObserver? _next;

    public TransactionStatusTracker(ShardId self, int retention, IProtocolObserver? next)
    {
        _self = self;
        _finished = new FinishedStatuses(retention);
        _next = next;
    }

    // A finished transaction is added to the finished table before its cell leaves the live one, so a reader that
    // misses the cell finds the table entry. A live cell that never entered the protocol (an expectation) loses to a
    // finished entry: a resubmitted duplicate of a finished transaction must not hide how it ended.
    public TransactionStatus Get(TxId tx)
    {
        var live = _statuses.TryGetValue(tx, out var cell) ? cell.Status : null;
        if (live is { Phase: not TransactionPhase.Unknown })
        {
            return live;
        }

        return _finished.TryGet(tx, out var finished) ? finished : live ?? TransactionStatus.Unknown(tx);
    }

    /// <summary>Remembers the participants of a transaction about to be submitted (never overwrites a known one).</summary>
    public void Expect(TxId tx, ImmutableArray<ShardId> participants)
    {
        // A duplicate of a finished transaction is refused without a Forget; an expectation cell would outlive it.
        if (!_finished.Contains(tx))
        {
            _statuses.TryAdd(tx, new StatusCell(new TransactionStatus(tx, TransactionPhase.Unknown, false, null, participants)));
        }
    }

    /// <summary>Forgets an expectation whose submission was refused before entering the protocol.</summary>
    public void Forget(TxId tx)
    {
        // Only an expectation that never entered the protocol; a known transaction keeps its status.
        if (_statuses.TryGetValue(tx, out var cell))
        {
            lock (cell)
            {
                if (cell.Status.Phase == TransactionPhase.Unknown && _statuses.TryRemove(KeyValuePair.Create(tx, cell)))
                {
                    cell.Removed = true;
                }
            }
        }
    }

    public void OnEvents(IReadOnlyList<ProtocolEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Shard == _self)
            {
                Apply(e);
            }
        }

        _next?.OnEvents(events);
    }

    private void Set(TxId tx, TransactionPhase phase, TransactionOutcome? outcome)
    {
        var cell = _statuses.GetOrAdd(tx, static id => new StatusCell(new TransactionStatus(id, TransactionPhase.Unknown, false, null)));
        lock (cell)
        {
            cell.Status = cell.Status with { Phase = phase, IsComplete = false, Outcome = outcome };
            if (cell.Removed)
            {
                // A refused duplicate's Forget took the cell out just before this transaction entered the protocol.
                cell.Removed = false;
                _statuses.TryAdd(tx, cell);
            }
        }
    }

    private void Apply(ProtocolEvent e)
    {
        switch (e.Kind)
        {
            case ProtocolEventKind.Submitted:
                Set(e.Tx, TransactionPhase.Preparing, null);
                break;
            case ProtocolEventKind.CommitLogged or ProtocolEventKind.Recovered:
                Set(e.Tx, TransactionPhase.Committing, TransactionOutcome.Committed(e.Tx));
                break;
            case ProtocolEventKind.AbortDecided:
                // The culprit shard travels in the client reply; the status keeps the reason.
                Set(e.Tx, TransactionPhase.Aborting, TransactionOutcome.Aborted(e.Tx, e.Reason, null));
                break;
            case ProtocolEventKind.Ended when _statuses.TryGetValue(e.Tx, out var cell):
                lock (cell)
                {
                    var status = cell.Status;
                    _finished.Add(e.Tx, status.Outcome ?? TransactionOutcome.Aborted(e.Tx, AbortReason.None, null), status.Participants);
                    _statuses.TryRemove(KeyValuePair.Create(e.Tx, cell));
                    cell.Removed = true;
                }

                break;
        }
    }

    /// <summary>The current status of one transaction; replaced whole, so readers on other threads see a consistent one.</summary>
    private sealed class StatusCell(TransactionStatus status)
    {
        public volatile TransactionStatus Status = status;

        public bool Removed;
    }
}
