using CsCheck;
using CrossShard.Node.Api;
using CrossShard.Transport.Security;

namespace CrossShard.Node.Tests;

/// <summary>Random workloads over the embedded cluster; PROTOCOL.md invariants 1, 2, 3, 5 and 6 are checked after every run.</summary>
public sealed class ClusterPropertyTests
{
    private static readonly Gen<ClusterWorkload> Workloads =
        Gen.Select(Gen.Int[1, 5], Gen.Int[2, 40], Gen.Int[1, 150], Gen.Int[1, 24], Gen.Int[0, 3], Gen.Int[0, 1_000_000])
            .Select(t => new ClusterWorkload(t.Item1, t.Item2, t.Item3, t.Item4, (Core.Locks.LockPolicy)t.Item5, t.Item6));

    // Short timings so that lost messages are retried and vote timeouts fire within a test's time.
    private static readonly CrossShardConfig FastConfig = new()
    {
        TransactionTimeout = TimeSpan.FromMilliseconds(400),
        BaseRetryBackoff = TimeSpan.FromMilliseconds(20),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(200),
        LockWaitTimeout = TimeSpan.FromMilliseconds(50),
        TimerResolution = TimeSpan.FromMilliseconds(5),
    };

    [Fact]
    public async Task RandomWorkloads_OnAReliableNetwork_KeepEveryInvariant() =>
        await Workloads.SampleAsync(
            async w =>
            {
                var (violations, rejections) = await w.RunAsync(FastConfig);
                Assert.Empty(rejections);
                Assert.True(violations.Count == 0, $"{w}: {string.Join("; ", violations.Take(5))}");
            },
            iter: 30,
            threads: 1);

    [Fact]
    public async Task RandomWorkloads_UnderLossDuplicationAndReordering_KeepEveryInvariant_AndTerminateOnceHealed()
    {
        var runs = 0;
        var dropped = 0;
        await Workloads.SampleAsync(
            async w =>
            {
                var network = new FaultInjectingNetwork(w.Seed, dropRate: 0.1, duplicateRate: 0.1, delayRate: 0.2, maxDelayMs: 30);
                var (violations, _) = await w.RunAsync(FastConfig, network: network, beforeQuiet: network.Heal);
                Interlocked.Increment(ref runs);
                Interlocked.Add(ref dropped, network.Dropped);
                Assert.True(violations.Count == 0, $"{w} (dropped {network.Dropped}, duplicated {network.Duplicated}, delayed {network.Delayed}): {string.Join("; ", violations.Take(5))}");
            },
            iter: 12,
            threads: 1);

        // The faults must really have happened, or this test proves nothing.
        Assert.Equal(12, runs);
        Assert.True(dropped > 0, "no message was dropped");
    }

    [Fact]
    public async Task RandomWorkloads_SignedEnvelopesLostDuplicatedAndReordered_KeepEveryInvariant_AndReplaysAreRejected()
    {
        var runs = 0;
        var duplicated = 0;
        long replaysRejected = 0;
        await Workloads.SampleAsync(
            async w =>
            {
                var network = new FaultInjectingEnvelopeNetwork(w.Seed, dropRate: 0.1, duplicateRate: 0.1, delayRate: 0.2, maxDelayMs: 30);
                var (violations, rejections) = await w.RunAsync(FastConfig, envelopeNetwork: network, beforeQuiet: network.Heal);
                Interlocked.Increment(ref runs);
                Interlocked.Add(ref replaysRejected, rejections.GetValueOrDefault(EnvelopeRejection.Replayed));
                Assert.Equal([EnvelopeRejection.Replayed], rejections.Keys.Distinct().Where(k => rejections[k] > 0).DefaultIfEmpty(EnvelopeRejection.Replayed));
                Interlocked.Add(ref duplicated, network.Duplicated);
                Assert.True(violations.Count == 0, $"{w} (dropped {network.Dropped}, duplicated {network.Duplicated}): {string.Join("; ", violations.Take(5))}");
            },
            iter: 8,
            threads: 1);

        Assert.Equal(8, runs);
        Assert.True(duplicated > 0, "no envelope was duplicated");
        Assert.True(replaysRejected > 0, "duplicated envelopes were not rejected as replays");
    }

    [Theory]
    [InlineData(Core.Locks.LockPolicy.WaitDie)]
    [InlineData(Core.Locks.LockPolicy.WaitForOlder)]
    [InlineData(Core.Locks.LockPolicy.Ordered)]
    public async Task HotContention_WithAWaitingPolicy_KeepsEveryInvariant(Core.Locks.LockPolicy policy)
    {
        var (violations, _) = await new ClusterWorkload(Shards: 3, Accounts: 3, Transactions: 300, Concurrency: 32, policy, Seed: 11).RunAsync(FastConfig);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(5)));
    }
}
