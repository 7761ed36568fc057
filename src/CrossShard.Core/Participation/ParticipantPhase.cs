namespace CrossShard.Core.Participation;

/// <summary>Where an undecided transaction stands at a participant. Decided transactions leave the active set.</summary>
public enum ParticipantPhase
{
    /// <summary>Queued for locks (wait-die: held by younger transactions; wait-for-older: by older ones; ordered: by any); holds nothing here, has not voted.</summary>
    WaitingForLocks,

    /// <summary>Locks held, PREPARED logged, voted YES: may not decide alone; waits for the coordinator's decision.</summary>
    Prepared,
}
