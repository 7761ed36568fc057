using CrossShard.Simulation;

namespace CrossShard.Simulation.Tests;

/// <summary>Each deliberate bug must be caught by the checkers within a bounded number of seeds: checkers that never fire prove nothing.</summary>
public sealed class MutationTests
{
    private const int SeedBound = 300;

    [Theory]
    [InlineData(SimulationMutation.CommitSentBeforeDurable)]
    [InlineData(SimulationMutation.UnforcedCommittedRecord)]
    [InlineData(SimulationMutation.ParticipantAbortsAfterYes)]
    [InlineData(SimulationMutation.PresumedAbortDespiteCommitRecord)]
    public void ADeliberateBug_IsCaughtWithinTheSeedBound(SimulationMutation mutation)
    {
        var options = new SimulationOptions { Mutation = mutation };
        for (var seed = 1; seed <= SeedBound; seed++)
        {
            if (Simulator.Run(seed, options).Violations.Count > 0)
            {
                return;
            }
        }

        Assert.Fail($"{mutation} went unnoticed for {SeedBound} seeds");
    }
}
