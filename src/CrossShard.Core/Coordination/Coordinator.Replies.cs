using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Coordination;

/// <summary>Handling of participants' votes, acknowledgements and status queries.</summary>
public sealed partial class Coordinator
{
    /// <summary>Handles a participant's vote.</summary>
    public void Handle(Vote vote, TimeSpan now, EffectBuffer fx)
    {
        if (!_active.TryGetValue(vote.Tx, out var tx))
        {
            // A YES for a finished or unknown transaction comes from a participant that may be waiting: tell it.
            if (vote.Kind == VoteKind.Yes)
            {
                AnswerUnknown(vote.Tx, vote.From, fx);
            }

            return;
        }

        var index = ParticipantIndex(tx, vote.From, "vote");
        if (tx.Phase != CoordinatorPhase.CollectingVotes)
        {
            LateVote(tx, vote, index, now, fx);
            return;
        }

        fx.Events.Add(new ProtocolEvent(now, Self, tx.Id, ProtocolEventKind.VoteReceived, vote.Reason));
        if (tx.Attempt == 0 && vote.From != Self)
        {
            // Only network round trips (this node's own shard answers within the batch that asked it), and only
            // unambiguous ones: after a retransmission the vote may answer either Prepare (Karn's rule).
            _roundTrip.Sample(now - ((tx.PreparedLate & Bit(index)) != 0 ? tx.PreparedLateAt : tx.StartedAt));
        }

        if (vote.Kind == VoteKind.No)
        {
            tx.NoVotes |= Bit(index);
            tx.YesVotes &= ~Bit(index);
            DecideAbort(tx, vote.Reason, vote.From, now, fx);
            return;
        }

        tx.YesVotes |= Bit(index);
        if (tx.Deferred != 0 && (tx.YesVotes | tx.Deferred) == tx.AllMask)
        {
            SendDeferredPrepares(tx, now, fx);
        }

        if (tx.YesVotes == tx.AllMask)
        {
            DecideCommit(tx, now, fx);
        }
    }

    // A vote that arrives after the decision: a YES voter still waiting gets the decision again; a NO voter
    // during an abort has aborted alone and owes no acknowledgement.
    private void LateVote(CoordinatorTx tx, Vote vote, int index, TimeSpan now, EffectBuffer fx)
    {
        if (vote.Kind == VoteKind.Yes && (tx.AwaitingAck & Bit(index)) != 0)
        {
            fx.Messages.Add(new(vote.From, new Decision(tx.Id, Self, tx.Decision)));
        }
        else if (vote.Kind == VoteKind.No && tx.Phase == CoordinatorPhase.Aborting)
        {
            tx.NoVotes |= Bit(index);
            if (tx.AwaitingAck == 0)
            {
                Finish(tx, now, fx);
            }
        }
    }

    /// <summary>Handles a participant's acknowledgement of the decision.</summary>
    public void Handle(Ack ack, TimeSpan now, EffectBuffer fx)
    {
        if (!_active.TryGetValue(ack.Tx, out var tx) || tx.Phase == CoordinatorPhase.CollectingVotes)
        {
            return;
        }

        tx.Acks |= Bit(ParticipantIndex(tx, ack.From, "ack"));
        if (tx.AwaitingAck == 0)
        {
            Finish(tx, now, fx);
        }
    }

    /// <summary>Handles an in-doubt participant's question about the outcome.</summary>
    public void Handle(StatusQuery query, TimeSpan now, EffectBuffer fx)
    {
        if (!_active.TryGetValue(query.Tx, out var tx))
        {
            AnswerUnknown(query.Tx, query.From, fx);
            return;
        }

        // While votes are still being collected there is nothing to say yet; the vote timeout bounds the wait.
        if (tx.Phase != CoordinatorPhase.CollectingVotes)
        {
            fx.Messages.Add(new(query.From, new Decision(tx.Id, Self, tx.Decision)));
        }
    }

    // A finished transaction answers with its remembered decision; an unknown one is presumed aborted.
    private void AnswerUnknown(Ids.TxId id, Ids.ShardId to, EffectBuffer fx)
    {
        var remembered = _completed.TryGet(id, out var known);
        fx.Messages.Add(new(to, new Decision(id, Self, remembered ? known : DecisionKind.Abort, Presumed: !remembered)));
    }

    private static int ParticipantIndex(CoordinatorTx tx, Ids.ShardId shard, string what)
    {
        var index = tx.IndexOf(shard);
        return index >= 0
            ? index
            : throw new ProtocolViolationException($"{shard} sent a {what} for {tx.Id} but is not one of its participants");
    }
}
