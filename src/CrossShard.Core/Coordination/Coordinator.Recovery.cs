using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Coordination;

/// <summary>Restart: rebuild the coordinator from its durable log.</summary>
public sealed partial class Coordinator
{
    /// <summary>
    /// Rebuilds state after a restart, before any other input: a COMMIT record without END means the commit point
    /// passed, so COMMIT is re-sent to every participant until each acknowledges. Transactions without a COMMIT
    /// record were never decided COMMIT and are presumed aborted; nothing needs to be rebuilt for them.
    /// </summary>
    public void Recover(IEnumerable<CommitDecisionRecord> committing, TimeSpan now, EffectBuffer fx)
    {
        if (_active.Count > 0)
        {
            throw new InvalidOperationException("recovery must come before any other input");
        }

        foreach (var record in committing)
        {
            var prepare = new Prepare(record.Tx, Self, record.Transaction, record.Participants, Priority: 0);
            var tx = new CoordinatorTx(prepare, now, now)
            {
                Phase = CoordinatorPhase.Committing,
            };
            tx.YesVotes = tx.AllMask;
            _active.Add(record.Tx, tx);
            SendDecision(tx, fx);
            ArmRetry(tx, TimerKind.DecisionRetry, _options.DecisionRetry, now, fx);
            fx.Events.Add(new ProtocolEvent(now, Self, record.Tx, ProtocolEventKind.Recovered));
        }
    }
}
