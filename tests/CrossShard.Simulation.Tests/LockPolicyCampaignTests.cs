using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
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
        // Local prepare last runs under wait-die only (under wait-for-older a late prepare would die).
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
            }
        }

        public void OnCrash(TimeSpan at, ShardId shard)
        {
        }
    }
}
