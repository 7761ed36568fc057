using System.Collections.Immutable;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>The operator's way out of a long in-doubt state: a heuristic decision, never taken automatically.</summary>
public sealed partial class Participant
{
    /// <summary>
    /// Applies an operator's decision to a transaction this shard is in doubt about (voted YES, no decision yet):
    /// installs or drops the writes, releases the locks and logs a forced heuristic record. Returns false when the
    /// transaction is not in doubt here (unknown, waiting for locks, or already decided), changing nothing.
    /// </summary>
    public bool ResolveHeuristically(TxId id, DecisionKind decision, TimeSpan now, EffectBuffer fx)
    {
        if (!_active.TryGetValue(id, out var tx) || tx.Phase != ParticipantPhase.Prepared)
        {
            return false;
        }

        _active.Remove(id);
        var writes = decision == DecisionKind.Commit ? tx.Writes : ImmutableArray<KeyWrite>.Empty;
        if (decision == DecisionKind.Commit)
        {
            Ledger.Apply(writes);
        }

        fx.Records.Add(new HeuristicDecisionRecord(id, decision, writes));
        _decided.Set(id, new ParticipantDecided(decision, AbortReason.Heuristic, Heuristic: true));
        Locks.ReleaseAll(id, tx.LockKeys);
        Event(now, id, ProtocolEventKind.HeuristicDecided, fx);
        // The decision is applied here like a real one; checkers and traces see it as such.
        Event(now, id, decision == DecisionKind.Commit ? ProtocolEventKind.CommitApplied : ProtocolEventKind.AbortApplied, fx);
        RetryWaiters(tx.LockKeys, now, fx);
        return true;
    }
}
