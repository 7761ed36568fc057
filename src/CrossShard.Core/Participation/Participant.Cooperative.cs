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
        if (_decided.TryGetValue(query.Tx, out var done))
        {
            fx.Messages.Add(new OutboundMessage(query.From, new Decision(query.Tx, Self, done.Decision)));
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
            _decided[query.Tx] = new ParticipantDecided(DecisionKind.Abort, AbortReason.PresumedAbort);
        }

        // The promise never to vote YES must outlive a crash, or a retransmitted Prepare could still be accepted.
        fx.Records.Add(new AbortedRecord(query.Tx) { Forced = true });
        fx.Messages.Add(new OutboundMessage(query.From, new Decision(query.Tx, Self, DecisionKind.Abort)));
    }
}
