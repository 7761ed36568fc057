using CrossShard.Core.Collections;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Participation;

/// <summary>
/// The participant side of two-phase commit for one shard: a pure state machine over the shard's ledger and lock table.
/// </summary>
/// <remarks>
/// Transitions (anything not listed is idempotent or stale and only re-answers):
/// <code>
/// (none)          --Prepare, locks granted, valid--> Prepared        [log PREPARED, vote YES, arm in-doubt query]
/// (none)          --Prepare, invalid / conflict----> decided ABORT   [vote NO]
/// (none)          --Prepare, conflict, may wait----> WaitingForLocks [arm lock wait]
/// WaitingForLocks --locks released, granted-------> Prepared
/// WaitingForLocks --lock wait timer---------------> decided ABORT   [vote NO lock timeout]
/// WaitingForLocks --Decision ABORT----------------> decided ABORT   [ack]
/// Prepared        --Decision COMMIT---------------> decided COMMIT  [apply writes, release, log COMMITTED, ack]
/// Prepared        --Decision ABORT----------------> decided ABORT   [release, log ABORTED, ack]
/// Prepared        --in-doubt timer----------------> Prepared        [status query, backoff; never decides alone]
/// </code>
/// </remarks>
public sealed partial class Participant
{
    private readonly ShardMap _map;
    private readonly ProtocolOptions _options;
    private readonly IRandomSource _random;
    private readonly Dictionary<TxId, ParticipantTx> _active = [];
    private readonly RecentMap<ParticipantDecided> _decided;
    private readonly LockWaiters _waiters = new();
    private readonly RoundTripEstimator _decisionWait = new();

    /// <summary>Creates the participant of shard <paramref name="self"/> over <paramref name="ledger"/>.</summary>
    public Participant(ShardId self, ShardMap map, ShardLedger ledger, ProtocolOptions options, IRandomSource random)
    {
        if (!map.Contains(self))
        {
            throw new ArgumentException($"{self} is not in a cluster of {map.ShardCount} shards", nameof(self));
        }

        Self = self;
        _map = map;
        Ledger = ledger;
        _options = options.Validate();
        _random = random;
        Locks = new LockTable(options.LockPolicy);
        _decided = new RecentMap<ParticipantDecided>(_options.DecidedRetention);
    }

    /// <summary>The shard this participant serves.</summary>
    public ShardId Self { get; }

    /// <summary>The shard's accounts and anchors.</summary>
    public ShardLedger Ledger { get; }

    /// <summary>The shard's account locks.</summary>
    public LockTable Locks { get; }

    /// <summary>Number of undecided transactions (waiting or prepared).</summary>
    public int ActiveCount => _active.Count;

    /// <summary>Number of prepared transactions waiting for a decision (in doubt from this shard's point of view).</summary>
    public int PreparedCount => _active.Values.Count(static t => t.Phase == ParticipantPhase.Prepared);

    /// <summary>The phase of an undecided transaction, if it is active here.</summary>
    public ParticipantPhase? PhaseOf(TxId tx) => _active.TryGetValue(tx, out var t) ? t.Phase : null;

    /// <summary>The decision applied here for a finished transaction, if any.</summary>
    public ParticipantDecided? DecidedOf(TxId tx) => _decided.TryGet(tx, out var d) ? d : null;

    /// <summary>The writes this shard holds for a prepared transaction (funds held in prepared transactions).</summary>
    public IEnumerable<(TxId Tx, IReadOnlyList<KeyWrite> Writes)> PreparedWrites =>
        _active.Values.Where(static t => t.Phase == ParticipantPhase.Prepared).Select(static t => (t.Tx, (IReadOnlyList<KeyWrite>)t.Writes));

    /// <summary>Whether any account <paramref name="transaction"/> touches on this shard is locked right now.</summary>
    public bool AnyLocked(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (Locks.Count == 0)
        {
            return false;
        }

        var shards = transaction.OperationShards(_map);
        for (var i = 0; i < shards.Length; i++)
        {
            if (shards[i] == Self && Locks.TryGetHolder(transaction.Operations[i].LockKey, out _))
            {
                return true;
            }
        }

        return false;
    }

    private void Vote(Prepare prepare, VoteKind kind, AbortReason reason, EffectBuffer fx) => Vote(prepare.Tx, prepare.From, kind, reason, fx);

    private void Vote(TxId tx, ShardId coordinator, VoteKind kind, AbortReason reason, EffectBuffer fx) =>
        fx.Messages.Add(new OutboundMessage(coordinator, new Vote(tx, Self, kind, reason)));

    private void Event(TimeSpan now, TxId tx, ProtocolEventKind kind, EffectBuffer fx, AbortReason reason = AbortReason.None) =>
        fx.Events.Add(new ProtocolEvent(now, Self, tx, kind, reason));
}
