using System.Collections.Immutable;
using CrossShard.Core.Ledger;
using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Participation;

/// <summary>A participant's record of one undecided transaction.</summary>
internal sealed class ParticipantTx
{
    public ParticipantTx(TxId tx, ShardId coordinator, ImmutableArray<ShardId> participants, long priority, ImmutableArray<string> lockKeys, Transaction? transaction)
    {
        Tx = tx;
        Coordinator = coordinator;
        Participants = participants;
        Priority = priority;
        LockKeys = lockKeys;
        Transaction = transaction;
    }

    public TxId Tx { get; }

    public ShardId Coordinator { get; }

    public ImmutableArray<ShardId> Participants { get; }

    /// <summary>The age the waiting lock policies compare.</summary>
    public long Priority { get; }

    /// <summary>The transaction, while it is still to be prepared; null for one recovered from its PREPARED record.</summary>
    public Transaction? Transaction { get; }

    public ImmutableArray<string> LockKeys { get; }

    public ParticipantPhase Phase { get; set; }

    /// <summary>Queued in the shard's <see cref="LockWaiters"/>.</summary>
    public bool Queued { get; set; }

    public ImmutableArray<KeyWrite> Writes { get; set; } = [];

    /// <summary>A waiting lock policy: when the lock wait ends.</summary>
    public TimeSpan LockDeadline { get; set; }

    /// <summary>When the YES vote left; the decision's arrival time minus this is how long decisions take.</summary>
    public TimeSpan VotedAt { get; set; }

    /// <summary>Prepared: how many status queries were sent, for the backoff.</summary>
    public int QueryAttempt { get; set; }

    /// <summary>The due time of the one live timer of this transaction; timers with another due time are stale.</summary>
    public TimeSpan TimerDue { get; set; }
}
