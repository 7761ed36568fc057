using System.Collections.Concurrent;
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

    private void Apply(ProtocolEvent e)
    {
        switch (e.Kind)
        {
            case ProtocolEventKind.Submitted:
                _statuses[e.Tx] = new TransactionStatus(e.Tx, TransactionPhase.Preparing, false, null);
                break;
            case ProtocolEventKind.CommitLogged:
                _statuses[e.Tx] = new TransactionStatus(e.Tx, TransactionPhase.Committing, false, TransactionOutcome.Committed(e.Tx));
                break;
            case ProtocolEventKind.AbortDecided:
                // The culprit shard travels in the client reply; the status keeps the reason.
                _statuses[e.Tx] = new TransactionStatus(e.Tx, TransactionPhase.Aborting, false, TransactionOutcome.Aborted(e.Tx, e.Reason, null));
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
