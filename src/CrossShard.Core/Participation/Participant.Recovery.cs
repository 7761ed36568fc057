using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>Restart: rebuild the participant from its durable log.</summary>
public sealed partial class Participant
{
    /// <summary>
    /// Rebuilds state after a restart, before any other input: every PREPARED record without a decision becomes an
    /// in-doubt transaction with its locks re-taken (a YES vote was given, so it may not decide alone) and asks its
    /// coordinator at once; decided transactions are remembered so late Prepares are refused.
    /// </summary>
    /// <param name="inDoubt">PREPARED records without a decision.</param>
    /// <param name="decided">Decisions of finished transactions.</param>
    /// <param name="now">The driver's time.</param>
    /// <param name="fx">Where the recovery's effects go.</param>
    /// <param name="heuristic">The decided transactions an operator decided by hand (their real decision is still compared).</param>
    public void Recover(
        IEnumerable<PreparedRecord> inDoubt,
        IEnumerable<KeyValuePair<TxId, DecisionKind>> decided,
        TimeSpan now,
        EffectBuffer fx,
        IReadOnlySet<TxId>? heuristic = null)
    {
        if (_active.Count > 0 || _decided.Count > 0)
        {
            throw new InvalidOperationException("recovery must come before any other input");
        }

        foreach (var (tx, decision) in decided)
        {
            _decided.Set(tx, new ParticipantDecided(decision, AbortReason.AlreadyDecided, heuristic?.Contains(tx) == true));
        }

        foreach (var record in inDoubt)
        {
            var tx = new ParticipantTx(record.Tx, record.Coordinator, record.Participants, record.Priority, record.LockKeys, transaction: null)
            {
                Phase = ParticipantPhase.Prepared,
                Writes = record.Writes,
                VotedAt = now,
                // Due now: the coordinator may have decided long ago; ask without waiting a full backoff.
                TimerDue = now,
            };

            // Prepared transactions held disjoint locks before the crash, so re-taking them cannot conflict.
            if (Locks.TryAcquireAll(record.Tx, record.Priority, record.LockKeys) != LockOutcome.Granted)
            {
                throw new ProtocolViolationException($"recovered PREPARED records of {Self} overlap on a lock ({record.Tx})");
            }

            _active.Add(record.Tx, tx);
            fx.Timers.Add(new TimerRequest(record.Tx, TimerKind.InDoubtQuery, now));
            Event(now, record.Tx, ProtocolEventKind.Recovered, fx);
        }
    }
}
