using CrossShard.Simulation;

namespace CrossShard.Simulation.Tests;

/// <summary>The CI campaign: a fixed set of seeds, all fault kinds on, every invariant checked.</summary>
public sealed class CampaignTests
{
    // 700 seeds × 300 transactions = 210,000 simulated transactions.
    public static TheoryData<int> SeedBlocks => new() { 1, 101, 201, 301, 401, 501, 601 };

    [Theory]
    [MemberData(nameof(SeedBlocks))]
    public void FixedSeeds_WithEveryFaultKind_KeepEveryInvariant(int firstSeed)
    {
        var options = new SimulationOptions();
        var faults = new Dictionary<string, int>();
        for (var seed = firstSeed; seed < firstSeed + 100; seed++)
        {
            var result = Simulator.Run(seed, options);
            Assert.True(result.Violations.Count == 0, $"seed {seed}: {string.Join(" | ", result.Violations.Take(3))} — replay: {result.ReplayCommand}");
            Assert.True(result.Committed > 0, $"seed {seed} committed nothing");
            foreach (var (kind, n) in result.Faults)
            {
                faults[kind] = faults.GetValueOrDefault(kind) + n;
            }
        }

        // Every kind of fault really happened in this block, or the block proves less than it claims.
        foreach (var kind in new[] { "message-lost", "message-duplicated", "partition", "crash-before-write", "crash-mid-send", "crash-after-send", "restart" })
        {
            Assert.True(faults.GetValueOrDefault(kind) > 0, $"no {kind} in seeds {firstSeed}..{firstSeed + 99}");
        }
    }

    [Fact]
    public void TheSameSeed_ReplaysExactly()
    {
        var a = Simulator.Run(4242, new SimulationOptions());
        var b = Simulator.Run(4242, new SimulationOptions());

        Assert.Equal((a.Committed, a.Steps, a.SimulatedTime), (b.Committed, b.Steps, b.SimulatedTime));
        Assert.Equal(a.Faults, b.Faults);
    }

    [Fact]
    public void WithoutFaults_EverythingValidIsDecidedAndMostCommits()
    {
        var result = Simulator.Run(7, new SimulationOptions().WithoutFaults());

        Assert.Empty(result.Violations);
        Assert.DoesNotContain(result.Faults, f => f.Key != "submission-to-down-node");
        Assert.True(result.Committed > result.Submitted / 3, $"only {result.Committed} of {result.Submitted} committed");
    }
}

/// <summary>Seeds that once found real bugs, kept as regressions with the shape they were found in.</summary>
public sealed class RegressionSeedTests
{
    [Fact]
    public void Seed200669_PeerAbortPromiseSurvivesACrash()
    {
        // A participant told an in-doubt peer "abort" (it never saw the Prepare), crashed, forgot, then voted YES on a
        // retransmitted Prepare; the coordinator committed what the peer had aborted. The promise is now forced.
        var result = Simulator.Run(200669, new SimulationOptions { Shards = 8, Accounts = 64 });
        Assert.True(result.Violations.Count == 0, string.Join(" | ", result.Violations));
    }
}

/// <summary>The simulator over real RocksDB stores in temporary directories: crashes close and reopen the stores.</summary>
public sealed class RocksDbSimulationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CrashesAtEveryStep_OverRocksDb_KeepEveryInvariant(int seed)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"xshard-sim-{seed}-{Guid.NewGuid():N}");
        try
        {
            var result = Simulator.Run(seed, new SimulationOptions { RocksDbDirectory = directory, Transactions = 200, CrashRate = 0.005 });

            Assert.True(result.Violations.Count == 0, $"seed {seed}: {string.Join(" | ", result.Violations.Take(3))}");
            Assert.True(result.Faults.GetValueOrDefault("restart") > 0, "no crash happened");
            Assert.True(result.Committed > 0);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
