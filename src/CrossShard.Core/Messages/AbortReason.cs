namespace CrossShard.Core.Messages;

/// <summary>Why a transaction was aborted; carried in NO votes and in the client's outcome.</summary>
public enum AbortReason : byte
{
    /// <summary>Not aborted.</summary>
    None = 0,

    /// <summary>A debit exceeds the account's balance.</summary>
    InsufficientFunds = 1,

    /// <summary>An account was locked by another transaction (no-wait, or a waiting policy whose age rule says die).</summary>
    LockConflict = 2,

    /// <summary>A waiting lock policy: the lock wait exceeded its bound.</summary>
    LockTimeout = 3,

    /// <summary>An account does not exist on the shard that owns its id.</summary>
    UnknownAccount = 4,

    /// <summary>An anchor key already exists on its shard.</summary>
    AnchorExists = 5,

    /// <summary>A participant did not vote before the vote timeout.</summary>
    VoteTimeout = 6,

    /// <summary>A participant shard is marked down.</summary>
    ShardDown = 7,

    /// <summary>The shard already decided this transaction id (a resubmission of a finished transaction).</summary>
    AlreadyDecided = 8,

    /// <summary>The shard received a prepare for a transaction it does not take part in.</summary>
    NotParticipant = 9,

    /// <summary>The coordinator has no commit record: presumed abort.</summary>
    PresumedAbort = 10,

    /// <summary>An operator decided the transaction by hand (heuristic abort).</summary>
    Heuristic = 11,

    /// <summary>The transaction is malformed or would overflow a balance; a participant re-checks what the coordinator checked.</summary>
    InvalidTransaction = 12,
}
