using System.Numerics;
using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Coordination;

/// <summary>Coordinator timers: vote timeout, Prepare retransmission, decision retransmission.</summary>
public sealed partial class Coordinator
{
    /// <summary>Handles a fired timer; a timer that no longer applies is ignored.</summary>
    public void OnTimer(TimerRequest timer, TimeSpan now, EffectBuffer fx)
    {
        if (!_active.TryGetValue(timer.Tx, out var tx))
        {
            return;
        }

        switch (timer.Kind)
        {
            case TimerKind.VoteTimeout when tx.Phase == CoordinatorPhase.CollectingVotes:
                // The culprit is a participant that was asked and did not answer, not one still held back.
                var silent = tx.AllMask & ~tx.YesVotes & ~tx.Deferred;
                DecideAbort(tx, AbortReason.VoteTimeout, tx.Participants[BitOperations.TrailingZeroCount(silent)], now, fx);
                break;
            case TimerKind.PrepareRetry when tx.Phase == CoordinatorPhase.CollectingVotes && timer.DueAt == tx.RetryDue:
                ResendPrepare(tx, fx);
                tx.Attempt++;
                if (tx.Attempt < _options.MaxPrepareRetries)
                {
                    ArmRetry(tx, TimerKind.PrepareRetry, _options.PrepareRetry, now, fx);
                }

                break;
            case TimerKind.DecisionRetry when tx.Phase != CoordinatorPhase.CollectingVotes && timer.DueAt == tx.RetryDue:
                // Decisions are retransmitted until acknowledged, forever; the backoff cap bounds the rate.
                SendDecision(tx, fx);
                tx.Attempt++;
                ArmRetry(tx, TimerKind.DecisionRetry, _options.DecisionRetry, now, fx);
                break;
        }
    }

    private static void ResendPrepare(CoordinatorTx tx, EffectBuffer fx) =>
        SendPrepare(tx, tx.AllMask & ~tx.YesVotes & ~tx.Deferred, fx);
}
