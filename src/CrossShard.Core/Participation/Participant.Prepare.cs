using System.Collections.Immutable;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Participation;

/// <summary>Prepare handling: validate, lock, log PREPARED, vote.</summary>
public sealed partial class Participant
{
    /// <summary>Handles a Prepare from a coordinator.</summary>
    public void Handle(Prepare prepare, TimeSpan now, EffectBuffer fx)
    {
        if (_decided.TryGet(prepare.Tx, out var done))
        {
            // A duplicate or late Prepare: repeat the vote this shard gave, or refuse a resubmission of a finished id.
            Vote(prepare, VoteKind.No, done.VoteReason, fx);
            return;
        }

        if (_active.TryGetValue(prepare.Tx, out var active))
        {
            if (prepare.From != active.Coordinator)
            {
                // The same id through a second coordinator: this shard answers to one coordinator only, so the second
                // one can never collect a YES and never decide differently from the first.
                Vote(prepare, VoteKind.No, AbortReason.AlreadyDecided, fx);
            }
            else if (active.Phase == ParticipantPhase.Prepared)
            {
                Vote(prepare, VoteKind.Yes, AbortReason.None, fx);
            }

            return;
        }

        if (prepare.Transaction.Id != prepare.Tx)
        {
            throw new ProtocolViolationException($"Prepare for {prepare.Tx} carries a transaction whose id is {prepare.Transaction.Id}");
        }

        var reason = CheckStatic(prepare, out var lockKeys);
        if (reason != AbortReason.None)
        {
            RefuseBeforeVote(prepare, reason, now, fx);
            return;
        }

        var tx = new ParticipantTx(prepare.Tx, prepare.From, prepare.Participants, prepare.Priority, lockKeys, prepare.Transaction);
        _active.Add(prepare.Tx, tx);
        TryPrepare(tx, now, fx);
    }

    // Everything that does not depend on locked state: shape, membership, accounts exist.
    private AbortReason CheckStatic(Prepare prepare, out ImmutableArray<string> lockKeys)
    {
        lockKeys = [];
        if (TransactionValidator.Validate(prepare.Transaction, _map) != TransactionError.None)
        {
            return AbortReason.InvalidTransaction;
        }

        if (!prepare.Participants.Contains(Self))
        {
            return AbortReason.NotParticipant;
        }

        var keys = ImmutableArray.CreateBuilder<string>();
        var shards = prepare.Transaction.OperationShards(_map);
        for (var i = 0; i < shards.Length; i++)
        {
            var op = prepare.Transaction.Operations[i];
            if (shards[i] != Self)
            {
                continue;
            }

            if (op.IsAccountOperation && !Ledger.TryGet(op.Key, out _))
            {
                return AbortReason.UnknownAccount;
            }

            keys.Add(op.LockKey);
        }

        if (keys.Count == 0)
        {
            return AbortReason.NotParticipant;
        }

        lockKeys = keys.ToImmutable();
        return AbortReason.None;
    }

    private void TryPrepare(ParticipantTx tx, TimeSpan now, EffectBuffer fx)
    {
        switch (Locks.TryAcquireAll(tx.Tx, tx.Priority, tx.LockKeys))
        {
            case LockOutcome.Granted:
                PrepareLocked(tx, now, fx);
                break;
            case LockOutcome.Wait:
                // A retried waiter is already queued with its deadline; only a new one starts waiting.
                if (!LockWaiters.Contains(tx))
                {
                    tx.Phase = ParticipantPhase.WaitingForLocks;
                    tx.LockDeadline = now + _options.LockWaitTimeout;
                    tx.TimerDue = tx.LockDeadline;
                    _waiters.Add(tx);
                    fx.Timers.Add(new TimerRequest(tx.Tx, TimerKind.LockWait, tx.LockDeadline));
                    Event(now, tx.Tx, ProtocolEventKind.LockWaiting, fx);
                }

                break;
            default:
                RefuseBeforeVote(tx, AbortReason.LockConflict, now, fx);
                break;
        }
    }

    // Locks are held: read the locked state, compute the writes, log PREPARED and vote YES.
    private void PrepareLocked(ParticipantTx tx, TimeSpan now, EffectBuffer fx)
    {
        var reason = ComputeWrites(tx.Transaction!, out var writes);
        if (reason != AbortReason.None)
        {
            Locks.ReleaseAll(tx.Tx, tx.LockKeys);
            RefuseBeforeVote(tx, reason, now, fx);
            return;
        }

        _waiters.Remove(tx);
        tx.Phase = ParticipantPhase.Prepared;
        tx.Writes = writes;
        fx.Records.Add(new PreparedRecord(tx.Tx, tx.Coordinator, tx.Participants, tx.Priority, writes, tx.LockKeys));
        Vote(tx.Tx, tx.Coordinator, VoteKind.Yes, AbortReason.None, fx);
        tx.QueryAttempt = 0;
        tx.VotedAt = now;
        tx.TimerDue = now + _decisionWait.Stretch(_options.InDoubtQuery).DelayFor(0, _random);
        fx.Timers.Add(new TimerRequest(tx.Tx, TimerKind.InDoubtQuery, tx.TimerDue));
        Event(now, tx.Tx, ProtocolEventKind.PreparedLogged, fx);
    }

    private AbortReason ComputeWrites(Transaction transaction, out ImmutableArray<KeyWrite> writes)
    {
        writes = [];
        var builder = ImmutableArray.CreateBuilder<KeyWrite>();
        var shards = transaction.OperationShards(_map);
        for (var i = 0; i < shards.Length; i++)
        {
            var op = transaction.Operations[i];
            if (shards[i] != Self)
            {
                continue;
            }

            if (op.Kind == OperationKind.Anchor)
            {
                if (Ledger.HasAnchor(op.Key))
                {
                    return AbortReason.AnchorExists;
                }

                builder.Add(new KeyWrite(op.Key, IsAnchor: true, default));
                continue;
            }

            Ledger.TryGet(op.Key, out var state);
            var balance = op.Kind == OperationKind.Debit ? state.Balance - op.Amount : AddOrOverflow(state.Balance, op.Amount);
            if (balance < 0)
            {
                return op.Kind == OperationKind.Debit ? AbortReason.InsufficientFunds : AbortReason.InvalidTransaction;
            }

            builder.Add(new KeyWrite(op.Key, IsAnchor: false, new AccountState(balance, state.Version + 1)));
        }

        writes = builder.ToImmutable();
        return AbortReason.None;
    }

    // A credit that would overflow a balance cannot come from a conserving ledger; it marks the transaction invalid.
    private static long AddOrOverflow(long balance, long amount) =>
        balance > long.MaxValue - amount ? -1 : balance + amount;

    private void RefuseBeforeVote(ParticipantTx tx, AbortReason reason, TimeSpan now, EffectBuffer fx)
    {
        _waiters.Remove(tx);
        _active.Remove(tx.Tx);
        RefuseBeforeVote(tx.Tx, tx.Coordinator, reason, now, fx);
    }

    // Before a YES vote a participant may abort alone: it holds nothing, logs nothing, remembers the NO for duplicates.
    private void RefuseBeforeVote(Prepare prepare, AbortReason reason, TimeSpan now, EffectBuffer fx) =>
        RefuseBeforeVote(prepare.Tx, prepare.From, reason, now, fx);

    private void RefuseBeforeVote(TxId tx, ShardId coordinator, AbortReason reason, TimeSpan now, EffectBuffer fx)
    {
        // A Prepare sent to the wrong shard says nothing about this shard's view of the transaction; do not remember it.
        if (reason != AbortReason.NotParticipant)
        {
            _decided.Set(tx, new ParticipantDecided(DecisionKind.Abort, reason));
        }

        Vote(tx, coordinator, VoteKind.No, reason, fx);
        Event(now, tx, ProtocolEventKind.VotedNo, fx, reason);
    }

    // Locks were released: the waiters of those keys get another chance, oldest first: wait-die stays starvation-free
    // for the oldest, and wait-for-older grants in age order, so the waiters left behind stay younger than the new holder.
    // A waiter granted here that then fails validation lets go at once, and the younger ones behind it are tried next.
    private void RetryWaiters(IReadOnlyList<string> released, TimeSpan now, EffectBuffer fx)
    {
        if (_waiters.Count == 0)
        {
            return;
        }

        foreach (var waiter in _waiters.WaitingFor(released))
        {
            if (LockWaiters.Contains(waiter) && _active.ContainsKey(waiter.Tx))
            {
                TryPrepare(waiter, now, fx);
            }
        }
    }
}
