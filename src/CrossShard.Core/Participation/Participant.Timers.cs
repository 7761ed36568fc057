using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>Participant timers: the bounded lock wait, and status queries while in doubt.</summary>
public sealed partial class Participant
{
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
                tx.QueryAttempt++;
                tx.TimerDue = now + _decisionWait.Stretch(_options.InDoubtQuery).DelayFor(tx.QueryAttempt, _random);
                fx.Timers.Add(new TimerRequest(timer.Tx, TimerKind.InDoubtQuery, tx.TimerDue));
                Event(now, timer.Tx, ProtocolEventKind.StatusQueried, fx);
                break;
        }
    }
}
