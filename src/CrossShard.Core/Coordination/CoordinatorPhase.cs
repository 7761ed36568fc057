namespace CrossShard.Core.Coordination;

/// <summary>Where an unfinished transaction stands at its coordinator. Finished transactions leave the active set.</summary>
public enum CoordinatorPhase
{
    /// <summary>Prepare sent; waiting for every vote or the vote timeout.</summary>
    CollectingVotes,

    /// <summary>COMMIT logged (the commit point passed); retransmitting COMMIT until every participant acknowledges.</summary>
    Committing,

    /// <summary>ABORT decided; retransmitting ABORT until every participant that did not vote NO acknowledges.</summary>
    Aborting,
}
