namespace CrossShard.Core.Effects;

/// <summary>Observable protocol steps, for status tracking, traces, metrics and invariant checkers.</summary>
public enum ProtocolEventKind : byte
{
    /// <summary>Coordinator accepted a submission and sent Prepare.</summary>
    Submitted,

    /// <summary>Participant locked, validated and logged PREPARED; it votes YES.</summary>
    PreparedLogged,

    /// <summary>Participant refused (reason attached); it holds nothing.</summary>
    VotedNo,

    /// <summary>Participant is waiting for locks (wait-die, wait-for-older or ordered).</summary>
    LockWaiting,

    /// <summary>Coordinator received a vote.</summary>
    VoteReceived,

    /// <summary>Coordinator logged COMMIT: the commit point.</summary>
    CommitLogged,

    /// <summary>Coordinator decided ABORT (reason attached).</summary>
    AbortDecided,

    /// <summary>Participant installed the writes and released its locks.</summary>
    CommitApplied,

    /// <summary>Participant dropped its writes and released its locks after a YES vote.</summary>
    AbortApplied,

    /// <summary>Coordinator received every acknowledgement and forgot the transaction.</summary>
    Ended,

    /// <summary>Participant asked the coordinator for a decision it is waiting for.</summary>
    StatusQueried,

    /// <summary>After a restart: a participant's in-doubt transaction (locks re-taken) or a coordinator's committing one (COMMIT re-sent).</summary>
    Recovered,

    /// <summary>The failure detector marked a peer down (its shard id is the event's shard; no transaction).</summary>
    ShardDown,

    /// <summary>A peer marked down was heard from again.</summary>
    ShardUp,

    /// <summary>An operator decided an in-doubt transaction by hand at this participant.</summary>
    HeuristicDecided,

    /// <summary>The real decision arrived and agrees with the heuristic one.</summary>
    HeuristicConfirmed,

    /// <summary>ALARM: the real decision contradicts the heuristic one; this shard and the others disagree.</summary>
    HeuristicMixed,

    /// <summary>
    /// Coordinator sent its own shard the Prepare it had held back (wait-die: an account was locked there at
    /// submission; ordered: the shards before it in the order), now that every participant asked before it voted YES.
    /// Not raised for no-wait's local prepare first, where asking the other shards after the own one is the normal path.
    /// </summary>
    DeferredPrepareSent,
}
