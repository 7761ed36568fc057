namespace CrossShard.Core.Effects;

/// <summary>The timers the state machines ask for. A timer that fires when it no longer applies is ignored.</summary>
public enum TimerKind : byte
{
    /// <summary>Coordinator: give up collecting votes and abort.</summary>
    VoteTimeout = 1,

    /// <summary>Coordinator: re-send Prepare to participants that have not voted.</summary>
    PrepareRetry = 2,

    /// <summary>Coordinator: re-send the decision to participants that have not acknowledged.</summary>
    DecisionRetry = 3,

    /// <summary>Participant: stop waiting for a lock (wait-die, wait-for-older, ordered) and vote NO.</summary>
    LockWait = 4,

    /// <summary>Participant: voted YES and heard nothing; ask the coordinator.</summary>
    InDoubtQuery = 5,

    /// <summary>Failure detector: send heartbeats and mark silent peers down (not tied to a transaction).</summary>
    Heartbeat = 6,
}
