using System.Collections.Concurrent;
using System.Collections.Immutable;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Node.Runtime;

namespace CrossShard.Node.Api;

/// <summary>
/// Follows the coordinator's events of one node to answer status queries from any thread.
/// Keeps every unfinished transaction and the most recent finished ones, up to a bound.
/// </summary>
internal sealed class TransactionStatusTracker : IProtocolObserver
{
    private readonly ConcurrentDictionary<TxId, TransactionStatus> _statuses = new();
    private readonly ConcurrentQueue<TxId> _finished = new();
    private readonly ShardId _self;
    private readonly int _retention;
    private readonly IProtocolObserver? _next;

    public TransactionStatusTracker(ShardId self, int retention, IProtocolObserver? next)
    {
        _self = self;
        _retention = retention;
        _next = next;
    }

    public TransactionStatus Get(TxId tx) => _statuses.TryGetValue(tx, out var status) ? status : TransactionStatus.Unknown(tx);

    /// <summary>Remembers the participants of a transaction about to be submitted (never overwrites a known one).</summary>
    public void Expect(TxId tx, ImmutableArray<ShardId> participants) =>
        _statuses.TryAdd(tx, new TransactionStatus(tx, TransactionPhase.Unknown, false, null, participants));

    /// <summary>Forgets an expectation whose submission was refused before entering the protocol.</summary>
    public void Forget(TxId tx)
    {
        // Only an expectation that never entered the protocol; a known transaction keeps its status.
        if (_statuses.TryGetValue(tx, out var status) && status.Phase == TransactionPhase.Unknown)
        {
            _statuses.TryRemove(KeyValuePair.Create(tx, status));
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

    private void Set(TxId tx, TransactionPhase phase, TransactionOutcome? outcome) =>
        _statuses.AddOrUpdate(
            tx,
            static (id, a) => new TransactionStatus(id, a.phase, false, a.outcome),
            static (_, old, a) => old with { Phase = a.phase, IsComplete = false, Outcome = a.outcome },
            (phase, outcome));

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
            case ProtocolEventKind.Ended when _statuses.TryGetValue(e.Tx, out var status):
                var committed = status.Outcome?.IsCommitted == true;
                _statuses[e.Tx] = status with { Phase = committed ? TransactionPhase.Committed : TransactionPhase.Aborted, IsComplete = true };
                _finished.Enqueue(e.Tx);
                while (_finished.Count > _retention && _finished.TryDequeue(out var oldest))
                {
                    _statuses.TryRemove(oldest, out _);
                }

                break;
        }
    }
}
