using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>Cooperative termination: answering another participant that is in doubt.</summary>
public sealed partial class Participant
{
    /// <summary>
    /// Answers a peer participant in doubt: with the decision applied here if there is one; with ABORT if this shard
    /// never voted YES (it aborts now, so the coordinator can never collect a YES from it and never commit); nothing
    /// while this shard is in doubt itself.
    /// </summary>
    public void Handle(PeerStatusQuery query, TimeSpan now, EffectBuffer fx)
    {
        if (_decided.TryGet(query.Tx, out var done))
        {
            // An operator's guess is not knowledge of the outcome: it must not spread to other shards.
            if (!done.Heuristic)
            {
                fx.Messages.Add(new OutboundMessage(query.From, new PeerDecision(query.Tx, Self, done.Decision)));
            }

            return;
        }

        if (_active.TryGetValue(query.Tx, out var tx))
        {
            if (tx.Phase == ParticipantPhase.Prepared)
            {
                return;
            }

            // Waiting for locks: not voted yet, so this shard may still refuse alone.
            RefuseBeforeVote(tx, AbortReason.PresumedAbort, now, fx);
        }
        else
        {
            _decided.Set(query.Tx, new ParticipantDecided(DecisionKind.Abort, AbortReason.PresumedAbort));
        }

        // The promise never to vote YES must outlive a crash, or a retransmitted Prepare could still be accepted.
        fx.Records.Add(new AbortedRecord(query.Tx) { Forced = true });
        fx.Messages.Add(new OutboundMessage(query.From, new PeerDecision(query.Tx, Self, DecisionKind.Abort)));
    }

    /// <summary>
    /// A peer's answer to this shard's cooperative query: applied like the coordinator's decision when this shard is
    /// in doubt and the sender is one of the transaction's participants; otherwise ignored. Never acknowledged.
    /// </summary>
    public void Handle(PeerDecision answer, TimeSpan now, EffectBuffer fx)
    {
        if (_active.TryGetValue(answer.Tx, out var tx) && tx.Phase == ParticipantPhase.Prepared && tx.Participants.Contains(answer.From) && answer.From != Self)
        {
            Apply(tx, answer.Kind, now, fx);
        }
    }
}
