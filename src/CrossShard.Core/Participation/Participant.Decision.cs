using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>Decision handling: apply or drop the writes, release the locks, acknowledge.</summary>
public sealed partial class Participant
{
    /// <summary>Handles the coordinator's decision (first delivery, retransmission, or answer to a status query).</summary>
    public void Handle(Decision decision, TimeSpan now, EffectBuffer fx)
    {
        // Acknowledged in every case, first: a coordinator retransmits until acknowledged, so even a decision that
        // is refused below must be acked or its sender never finishes.
        fx.Messages.Add(new OutboundMessage(decision.From, new Ack(decision.Tx, Self)));
        if (_active.TryGetValue(decision.Tx, out var tx))
        {
            // Only the coordinator this shard voted for decides; another node that coordinates the same id
            // (a client's resubmission elsewhere) is acknowledged and ignored.
            if (decision.From == tx.Coordinator)
            {
                Apply(tx, decision.Kind, now, fx);
            }
        }
        else if (_decided.TryGet(decision.Tx, out var done))
        {
            if (done.Heuristic)
            {
                // The operator's guess meets the truth: report either way, never throw; the ack lets the coordinator finish.
                var kind = done.Decision == decision.Kind ? ProtocolEventKind.HeuristicConfirmed : ProtocolEventKind.HeuristicMixed;
                Event(now, decision.Tx, kind, fx);
                _decided.Set(decision.Tx, done with { Heuristic = false });
            }
            else if (done.Decision != decision.Kind && !(decision.Presumed && done.Decision == DecisionKind.Commit))
            {
                throw new ProtocolViolationException(
                    $"{Self} applied {done.Decision} for {decision.Tx} and now receives {decision.Kind} from {decision.From}");
            }
        }
        else if (decision.Kind == DecisionKind.Commit)
        {
            // This shard never voted YES for the transaction, so nobody can have decided COMMIT.
            throw new ProtocolViolationException($"{Self} receives COMMIT for {decision.Tx}, which it never prepared");
        }
        else
        {
            // ABORT for a transaction never seen (its Prepare was lost or is still in flight): remember it so a late Prepare locks nothing.
            _decided.Set(decision.Tx, new ParticipantDecided(DecisionKind.Abort, AbortReason.AlreadyDecided));
        }
    }

    private void Apply(ParticipantTx tx, DecisionKind decision, TimeSpan now, EffectBuffer fx)
    {
        var id = tx.Tx;
        if (tx.Phase == ParticipantPhase.WaitingForLocks)
        {
            if (decision == DecisionKind.Commit)
            {
                throw new ProtocolViolationException($"{Self} receives COMMIT for {id} before it voted");
            }

            _waiters.Remove(tx);
            _active.Remove(id);
            _decided.Set(id, new ParticipantDecided(DecisionKind.Abort, AbortReason.AlreadyDecided));
            Event(now, id, ProtocolEventKind.AbortApplied, fx);
            return;
        }

        _active.Remove(id);
        if (tx.QueryAttempt == 0)
        {
            _decisionWait.Sample(now - tx.VotedAt);
        }

        if (decision == DecisionKind.Commit)
        {
            Ledger.Apply(tx.Writes);
            fx.Records.Add(new CommittedRecord(id, tx.Writes));
            Event(now, id, ProtocolEventKind.CommitApplied, fx);
        }
        else
        {
            fx.Records.Add(new AbortedRecord(id));
            Event(now, id, ProtocolEventKind.AbortApplied, fx);
        }

        _decided.Set(id, new ParticipantDecided(decision, AbortReason.AlreadyDecided));
        Locks.ReleaseAll(id, tx.LockKeys);
        RetryWaiters(tx.LockKeys, now, fx);
    }
}
