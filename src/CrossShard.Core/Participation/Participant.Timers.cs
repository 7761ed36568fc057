using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>Participant timers: the bounded lock wait, and status queries while in doubt.</summary>
public sealed partial class Participant
{
    /// <summary>Unanswered status queries to the coordinator before the other participants are asked too.</summary>
    public const int CooperativeAfterQueries = 2;

    /// <summary>Handles a fired timer; a timer that no longer applies is ignored.</summary>
    public void OnTimer(TimerRequest timer, TimeSpan now, EffectBuffer fx)
    {
        if (!_active.TryGetValue(timer.Tx, out var tx) || tx.TimerDue != timer.DueAt)
        {
            return;
        }

        switch (timer.Kind)
        {
            case TimerKind.LockWait when tx.Phase == ParticipantPhase.WaitingForLocks:
                RefuseBeforeVote(tx, AbortReason.LockTimeout, now, fx);
                break;
            case TimerKind.InDoubtQuery when tx.Phase == ParticipantPhase.Prepared:
                // After a YES vote the only way out is the coordinator's decision: ask again, later each time, forever.
                fx.Messages.Add(new OutboundMessage(tx.Coordinator, new StatusQuery(timer.Tx, Self)));
                if (tx.QueryAttempt >= CooperativeAfterQueries)
                {
                    // The coordinator has not answered for a while: ask the other participants too.
                    var query = new PeerStatusQuery(timer.Tx, Self);
                    foreach (var peer in tx.Participants)
                    {
                        if (peer != Self && peer != tx.Coordinator)
                        {
                            fx.Messages.Add(new OutboundMessage(peer, query));
                        }
                    }
                }

                tx.QueryAttempt++;
                tx.TimerDue = now + _decisionWait.Stretch(_options.InDoubtQuery).DelayFor(tx.QueryAttempt, _random);
                fx.Timers.Add(new TimerRequest(timer.Tx, TimerKind.InDoubtQuery, tx.TimerDue));
                Event(now, timer.Tx, ProtocolEventKind.StatusQueried, fx);
                break;
        }
    }
}
