namespace CrossShard.Simulation;

/// <summary>
/// Deliberate protocol bugs the simulator can inject, only to prove that its checkers catch real mistakes.
/// A checker that never fires proves nothing; <c>MutationTests</c> assert each of these is caught within a bounded
/// number of seeds. Never used outside tests and the <c>--mutation</c> option of <c>xshard simulate</c>.
/// </summary>
public enum SimulationMutation
{
    /// <summary>The real protocol.</summary>
    None,

    /// <summary>A coordinator sends COMMIT before its COMMIT record is durable.</summary>
    CommitSentBeforeDurable,

    /// <summary>A participant does not force its COMMITTED record before acknowledging.</summary>
    UnforcedCommittedRecord,

    /// <summary>A participant that voted YES gives up on its first in-doubt timeout and aborts alone, releasing its locks.</summary>
    ParticipantAbortsAfterYes,

    /// <summary>A restarted coordinator ignores its COMMIT records, so it answers "presumed abort" for committed transactions.</summary>
    PresumedAbortDespiteCommitRecord,
}
