using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;
using CrossShard.Simulation;

namespace CrossShard.Simulation.Tests;

/// <summary>
/// The waiting lock policies, and coordinators holding their own Prepare back, under every fault kind: both really
/// happen, and no invariant breaks.
/// </summary>
public sealed class LockPolicyCampaignTests
{
    [Theory]
    [InlineData(LockPolicy.WaitDie)]
    [InlineData(LockPolicy.WaitForOlder)]
    [InlineData(LockPolicy.Ordered)]
    public void FixedSeeds_WithEveryFaultKind_KeepEveryInvariant(LockPolicy policy)
    {
        var defaults = new SimulationOptions();
        var options = defaults with { Protocol = defaults.Protocol with { LockPolicy = policy } };
        var waits = new LockWaitCounter();
        var faults = new Dictionary<string, int>();
        for (var seed = 1; seed <= 100; seed++)
        {
            var result = Simulator.Run(seed, options, waits);
            Assert.True(result.Violations.Count == 0, $"seed {seed}: {string.Join(" | ", result.Violations.Take(3))} — replay: {result.ReplayCommand}");
            Assert.Contains($"--lock-policy {LockPolicyNames.NameOf(policy)}", result.ReplayCommand, StringComparison.Ordinal);
            Assert.True(result.Committed > 0, $"seed {seed} committed nothing");
            foreach (var (kind, n) in result.Faults)
            {
                faults[kind] = faults.GetValueOrDefault(kind) + n;
            }
        }

        // Without waits (and timed-out waits) these seeds would prove nothing about the policy.
        Assert.True(waits.Waiting > 100, $"only {waits.Waiting} lock waits");
        // Local prepare last runs under wait-die (under wait-for-older a late prepare would die); ordered acquisition
        // holds back every participant after the first in shard order, the coordinator's own shard among them.
        if (policy == LockPolicy.WaitForOlder)
        {
            Assert.Equal(0, waits.DeferredPrepares);
        }
        else
        {
            Assert.True(waits.DeferredPrepares > 100, $"only {waits.DeferredPrepares} prepares held back");
        }

        foreach (var kind in new[] { "message-lost", "partition", "crash-before-write", "restart" })
        {
            Assert.True(faults.GetValueOrDefault(kind) > 0, $"no {kind}");
        }
    }

    [Fact]
    public void Ordered_UnderHeavyContentionWithoutFaults_DecidesEverythingWithoutATimeout()
    {
        // Eight accounts, half the transactions on three or more shards, waits and vote timeouts far beyond the run: a
        // cycle of waits would leave its transactions undecided (a termination violation) or end in a timeout.
        var defaults = new SimulationOptions();
        var options = defaults with
        {
            Accounts = 8,
            Transactions = 400,
            SubmitWindow = TimeSpan.FromSeconds(1),
            MultiShardPercent = 50,
            DropRate = 0,
            DuplicateRate = 0,
            CrashRate = 0,
            PartitionRate = 0,
            Protocol = defaults.Protocol with
            {
                LockPolicy = LockPolicy.Ordered,
                LockWaitTimeout = TimeSpan.FromHours(1),
                VoteTimeout = TimeSpan.FromHours(1),
            },
        };
        var waits = new LockWaitCounter();
        for (var seed = 1; seed <= 20; seed++)
        {
            var result = Simulator.Run(seed, options, waits);
            Assert.True(result.Violations.Count == 0, $"seed {seed}: {string.Join(" | ", result.Violations.Take(3))} — replay: {result.ReplayCommand}");
            Assert.True(result.Committed > 0, $"seed {seed} committed nothing");
        }

        Assert.True(waits.Waiting > 1000, $"only {waits.Waiting} lock waits");
        Assert.Equal(0, waits.Aborts.GetValueOrDefault(AbortReason.LockTimeout));
        Assert.Equal(0, waits.Aborts.GetValueOrDefault(AbortReason.VoteTimeout));
        Assert.Equal(0, waits.Aborts.GetValueOrDefault(AbortReason.LockConflict));
    }

    [Fact]
    public void NoWait_NeverWaits_NorHoldsLocalPreparesBack()
    {
        var waits = new LockWaitCounter();
        for (var seed = 1; seed <= 10; seed++)
        {
            Simulator.Run(seed, new SimulationOptions(), waits);
        }

        Assert.Equal(0, waits.Waiting);
        Assert.Equal(0, waits.DeferredPrepares);
    }

    private sealed class LockWaitCounter : IProtocolTrace
    {
        public int Waiting { get; private set; }

        public int DeferredPrepares { get; private set; }

        public Dictionary<AbortReason, int> Aborts { get; } = [];

        public void OnEvents(TimeSpan at, IReadOnlyList<ProtocolEvent> events)
        {
            foreach (var e in events)
            {
                if (e.Kind == ProtocolEventKind.LockWaiting)
                {
                    Waiting++;
                }
                else if (e.Kind == ProtocolEventKind.DeferredPrepareSent)
                {
                    DeferredPrepares++;
                }
                else if (e.Kind == ProtocolEventKind.AbortDecided)
                {
                    Aborts[e.Reason] = Aborts.GetValueOrDefault(e.Reason) + 1;
                }
            }
        }

        public void OnCrash(TimeSpan at, ShardId shard)
        {
        }
    }
}
