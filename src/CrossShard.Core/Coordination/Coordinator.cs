using CrossShard.Core.Collections;
using System.Numerics;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Coordination;

/// <summary>
/// The coordinator side of two-phase commit with presumed abort for one node: a pure state machine.
/// Any shard coordinates the transactions submitted to it; there is no central coordinator.
/// </summary>
/// <remarks>
/// Transitions (anything not listed is idempotent or stale and at most re-answers):
/// <code>
/// (none)          --Submit, valid------------> CollectingVotes [Prepare to all (no-wait: to the own shard only;
///                                                               wait-die: own shard held back if locked),
///                                                               arm vote timeout and prepare retry]
/// CollectingVotes --own shard YES (no-wait)--> CollectingVotes [Prepare to the others held back]
/// CollectingVotes --all others YES-----------> CollectingVotes [Prepare to the own shard held back (wait-die)]
/// CollectingVotes --all YES------------------> Committing      [log COMMIT (forced), reply committed, COMMIT to all]
/// CollectingVotes --NO / vote timeout--------> Aborting        [reply aborted, ABORT to all asked that did not vote NO]
/// CollectingVotes --prepare retry timer------> CollectingVotes [Prepare to non-voters asked, backoff]
/// Committing      --all acks-----------------> (finished)      [log END]
/// Aborting        --all acks-----------------> (finished)      [nothing logged: presumed abort]
/// Committing/Aborting --decision retry timer-> same            [decision to non-ackers, backoff, forever]
/// (unknown)       --status query / YES vote--> (unknown)       [ABORT: presumed abort]
/// </code>
/// </remarks>
public sealed partial class Coordinator
{
    private readonly ShardMap _map;
    private readonly ProtocolOptions _options;
    private readonly IRandomSource _random;
    private readonly Dictionary<TxId, CoordinatorTx> _active = [];
    private readonly RecentMap<DecisionKind> _completed;
    private readonly HashSet<ShardId> _downShards = [];
    private readonly RoundTripEstimator _roundTrip = new();
    private readonly Func<Transaction, bool>? _localLocked;
    private long _lastPriority;

    /// <summary>Creates the coordinator of node <paramref name="self"/>.</summary>
    /// <param name="self">The node's shard.</param>
    /// <param name="map">The cluster's shards.</param>
    /// <param name="options">Timings and policies.</param>
    /// <param name="random">Jitter.</param>
    /// <param name="localLocked">
    /// Whether this node's own shard has an account of a transaction locked right now (its participant's lock table);
    /// null never holds a Prepare back.
    /// </param>
    public Coordinator(ShardId self, ShardMap map, ProtocolOptions options, IRandomSource random, Func<Transaction, bool>? localLocked = null)
    {
        if (!map.Contains(self))
        {
            throw new ArgumentException($"{self} is not in a cluster of {map.ShardCount} shards", nameof(self));
        }

        Self = self;
        _map = map;
        _options = options.Validate();
        _random = random;
        _localLocked = localLocked;
        _completed = new RecentMap<DecisionKind>(options.CompletedRetention);
    }

    /// <summary>The smoothed time from Prepare to a vote, which stretches retry delays when the cluster is slow.</summary>
    public TimeSpan RoundTrip => _roundTrip.Smoothed;

    /// <summary>The node this coordinator runs on.</summary>
    public ShardId Self { get; }

    /// <summary>Number of unfinished transactions (collecting votes, or decided and awaiting acknowledgements).</summary>
    public int ActiveCount => _active.Count;

    /// <summary>The phase of an unfinished transaction, if it is active here.</summary>
    public CoordinatorPhase? PhaseOf(TxId tx) => _active.TryGetValue(tx, out var t) ? t.Phase : null;

    /// <summary>The decision of a recently finished transaction, if still remembered.</summary>
    public DecisionKind? CompletedDecisionOf(TxId tx) => _completed.TryGet(tx, out var d) ? d : null;

    /// <summary>Marks a shard down (new transactions touching it are refused at once) or up again.</summary>
    public void SetShardDown(ShardId shard, bool down)
    {
        if (down)
        {
            _downShards.Add(shard);
        }
        else
        {
            _downShards.Remove(shard);
        }
    }

    /// <summary>
    /// A shard was detected down: refuse new transactions touching it, and abort the undecided ones that wait for
    /// its vote (decided ones keep retransmitting; the decision stands).
    /// </summary>
    public void OnShardDown(ShardId shard, TimeSpan now, EffectBuffer fx)
    {
        SetShardDown(shard, down: true);
        foreach (var tx in _active.Values.ToList())
        {
            if (tx.Phase == CoordinatorPhase.CollectingVotes && tx.IndexOf(shard) >= 0)
            {
                DecideAbort(tx, AbortReason.ShardDown, shard, now, fx);
            }
        }
    }

    /// <summary>Accepts a client's transaction into the protocol, or refuses it with a typed error and no effect at all.</summary>
    public SubmitResult Submit(Transaction transaction, TimeSpan now, EffectBuffer fx)
    {
        var error = TransactionValidator.Validate(transaction, _map);
        if (error != TransactionError.None)
        {
            return new SubmitResult(default, error);
        }

        var id = transaction.Id;
        if (_active.ContainsKey(id) || _completed.TryGet(id, out _))
        {
            return new SubmitResult(id, TransactionError.DuplicateTransaction);
        }

        var participants = transaction.ParticipantsIn(_map);
        foreach (var shard in participants)
        {
            if (_downShards.Contains(shard))
            {
                return new SubmitResult(id, TransactionError.ShardDown);
            }
        }

        // Priorities (the ages the waiting lock policies compare) must be unique per coordinator and only grow; ties
        // across nodes break by id. The age origin puts every node's ages on the wall clock, so they compare.
        _lastPriority = Math.Max(_lastPriority + 1, (now + _options.AgeOrigin).Ticks);
        var prepare = new Prepare(id, Self, transaction, participants, _lastPriority);
        var tx = new CoordinatorTx(prepare, now, now + _options.VoteTimeout);
        tx.Deferred = HeldBackAtSubmission(tx, transaction);
        _active.Add(id, tx);
        SendPrepare(tx, tx.AllMask & ~tx.Deferred, fx);

        fx.Timers.Add(new TimerRequest(id, TimerKind.VoteTimeout, tx.VoteDeadline));
        if (_options.MaxPrepareRetries > 0)
        {
            ArmRetry(tx, TimerKind.PrepareRetry, _options.PrepareRetry, now, fx);
        }

        fx.Events.Add(new ProtocolEvent(now, Self, id, ProtocolEventKind.Submitted));
        return new SubmitResult(id, TransactionError.None);
    }

    // Which participants get their Prepare only later (a mask by index; 0: all at once). Sending a Prepare later is
    // always safe in two-phase commit: a participant not asked yet owes no vote and no acknowledgement. Only when this
    // node's own shard takes part, and by lock policy:
    //
    // Local prepare first (no-wait). The own shard's Prepare is handled within this very batch, so asking it first costs
    // no latency: the others' Prepares still leave with this batch when its vote is YES. When it is NO (an account
    // locked here: the common conflict under a hot spot) the transaction aborts before any other shard has locked,
    // logged or signed anything for it. 100 hot accounts: 890-1,201 instead of 535-626 committed/s, uncontended
    // unchanged (docs/benchmarks.md, session 11).
    //
    // Local prepare last (wait-die). When the own shard already has one of the transaction's accounts locked, its
    // participant would queue (or fail) and then hold that lock across the other participants' whole prepare round
    // trip. Held back until they have all voted YES, it takes the lock only for its PREPARED and the COMMIT write, so
    // a hot account changes hands faster; a free account is prepared at once, in parallel. Under no-wait holding back
    // would turn a conflict's quick NO into a round trip's wait (p99 at half of peak load rose from 35-52 to 68-73 ms).
    //
    // Neither under wait-for-older: a prepare that arrives late is older than the holders that overtook it, so it would
    // die instead of queue (held back last: 1.6-2.2k instead of 2.7k committed/s on 100 hot accounts; asked first:
    // 2.5-3.1k instead of 4.4-4.9k, with thousands of aborts a second back).
    //
    // Ordered acquisition holds back every participant but the first in shard order (participants are sorted by shard),
    // whether or not this node takes part: they are asked one at a time (SendDeferredPrepares).
    private ulong HeldBackAtSubmission(CoordinatorTx tx, Transaction transaction)
    {
        if (tx.Participants.Length < 2)
        {
            return 0;
        }

        if (_options.LockPolicy == Locks.LockPolicy.Ordered)
        {
            return tx.AllMask & ~Bit(0);
        }

        var self = tx.IndexOf(Self);
        if (self < 0)
        {
            return 0;
        }

        return _options.LockPolicy switch
        {
            Locks.LockPolicy.NoWait => tx.AllMask & ~Bit(self),
            Locks.LockPolicy.WaitDie when _localLocked?.Invoke(transaction) == true => Bit(self),
            _ => 0,
        };
    }

    // Every participant asked so far voted YES: ask the next one in shard order (ordered acquisition), or all that
    // were held back (the others).
    private void SendDeferredPrepares(CoordinatorTx tx, TimeSpan now, EffectBuffer fx)
    {
        var next = _options.LockPolicy == Locks.LockPolicy.Ordered ? tx.Deferred & (~tx.Deferred + 1) : tx.Deferred;
        var self = tx.IndexOf(Self);
        if (self >= 0 && (next & Bit(self)) != 0)
        {
            // Only the exception is an event: under no-wait every transaction asks the others after its own shard.
            fx.Events.Add(new ProtocolEvent(now, Self, tx.Id, ProtocolEventKind.DeferredPrepareSent));
        }

        tx.PreparedLate |= next;
        tx.PreparedLateAt = now;
        tx.Deferred &= ~next;
        SendPrepare(tx, next, fx);
    }

    // Prepare to every participant in the mask (participants by index, as in CoordinatorTx).
    private static void SendPrepare(CoordinatorTx tx, ulong participants, EffectBuffer fx)
    {
        while (participants != 0)
        {
            var index = BitOperations.TrailingZeroCount(participants);
            participants &= participants - 1;
            fx.Messages.Add(new OutboundMessage(tx.Participants[index], tx.Prepare));
        }
    }

    private void DecideCommit(CoordinatorTx tx, TimeSpan now, EffectBuffer fx)
    {
        tx.Phase = CoordinatorPhase.Committing;
        tx.Attempt = 0;
        // The commit point: the client hears "committed" and participants hear COMMIT only after this record is durable.
        fx.Records.Add(new CommitDecisionRecord(tx.Id, tx.Participants, tx.Prepare.Transaction));
        fx.Replies.Add(new ClientReply(TransactionOutcome.Committed(tx.Id)));
        SendDecision(tx, fx);
        ArmRetry(tx, TimerKind.DecisionRetry, _options.DecisionRetry, now, fx);
        fx.Events.Add(new ProtocolEvent(now, Self, tx.Id, ProtocolEventKind.CommitLogged));
    }

    // Presumed abort: nothing is logged; a coordinator without a COMMIT record answers ABORT to anyone who asks.
    private void DecideAbort(CoordinatorTx tx, AbortReason reason, ShardId? culprit, TimeSpan now, EffectBuffer fx)
    {
        tx.Phase = CoordinatorPhase.Aborting;
        tx.Attempt = 0;
        fx.Replies.Add(new ClientReply(TransactionOutcome.Aborted(tx.Id, reason, culprit)));
        fx.Events.Add(new ProtocolEvent(now, Self, tx.Id, ProtocolEventKind.AbortDecided, reason));
        if (tx.AwaitingAck == 0)
        {
            Finish(tx, now, fx);
            return;
        }

        SendDecision(tx, fx);
        ArmRetry(tx, TimerKind.DecisionRetry, _options.DecisionRetry, now, fx);
    }

    private void Finish(CoordinatorTx tx, TimeSpan now, EffectBuffer fx)
    {
        if (tx.Phase == CoordinatorPhase.Committing)
        {
            fx.Records.Add(new EndRecord(tx.Id));
        }

        _active.Remove(tx.Id);
        _completed.TryAdd(tx.Id, tx.Decision);
        fx.Events.Add(new ProtocolEvent(now, Self, tx.Id, ProtocolEventKind.Ended));
    }

    private void SendDecision(CoordinatorTx tx, EffectBuffer fx)
    {
        var decision = new Decision(tx.Id, Self, tx.Decision);
        var pending = tx.AwaitingAck;
        while (pending != 0)
        {
            var index = BitOperations.TrailingZeroCount(pending);
            pending &= pending - 1;
            fx.Messages.Add(new OutboundMessage(tx.Participants[index], decision));
        }
    }

    private void ArmRetry(CoordinatorTx tx, TimerKind kind, Timing.Backoff backoff, TimeSpan now, EffectBuffer fx)
    {
        tx.RetryDue = now + _roundTrip.Stretch(backoff).DelayFor(tx.Attempt, _random);
        fx.Timers.Add(new TimerRequest(tx.Id, kind, tx.RetryDue));
    }

    private static ulong Bit(int index) => 1UL << index;
}
