using CrossShard.Core;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;
using CrossShard.Node.Runtime;

namespace CrossShard.Node.Api;

/// <summary>
/// Settings of one shard node, in the shape of the original design. Every property has a default that suits one
/// process or a LAN; <see cref="Validate"/> names the first one out of range.
/// To add a setting: add the property with its default in the doc, check it in <see cref="Validate"/>, and map it in
/// <see cref="ToProtocolOptions"/> or <see cref="ToNodeSettings"/>.
/// </summary>
public sealed record CrossShardConfig
{
    /// <summary>The cluster's id (from the manifest); bound into stores, envelopes and receipts. Default "local".</summary>
    public string ClusterId { get; init; } = "local";

    /// <summary>The shard this node owns. Shards are numbered 0..N-1. Default 0.</summary>
    public int LocalShard { get; init; }

    /// <summary>The other shards of the cluster; with <see cref="LocalShard"/> they must be exactly 0..N-1. Default none (a one-shard cluster).</summary>
    public IReadOnlyList<int> ConnectedShards { get; init; } = [];

    /// <summary>How long a coordinator waits for votes before aborting (1 ms..1 day). Default 5 s.</summary>
    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Prepare retransmissions per transaction while votes are missing (0..1000). Decisions are retransmitted until acknowledged regardless. Default 5.</summary>
    public int RetryCount { get; init; } = 5;

    /// <summary>First retransmission delay; doubles per attempt with jitter. Default 200 ms.</summary>
    public TimeSpan BaseRetryBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest retransmission delay. Default 10 s.</summary>
    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Inputs handled per event-loop iteration, whose effects share one durable write (1..100,000). Default 512.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>The smallest batch the loop's adaptive batch size shrinks to under a latency squeeze (capped at BatchSize). Default 16.</summary>
    public int MinBatchSize { get; init; } = 16;

    /// <summary>How long one loop iteration's own work (take a batch, handle it, send its effects; the synced log write excluded, since group commit wants bigger batches when writes are slow) may take before the batch halves. Default 5 ms.</summary>
    public TimeSpan BatchLatencyTarget { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Client transactions admitted at once; more wait (1..10,000,000). Default 20,000.</summary>
    public int MaxInFlight { get; init; } = 20_000;

    /// <summary>How often the node may sign outbound envelopes (signatures on): the signing CPU share (busy and idle machine) and the spacing of rounds; an embedded cluster splits it among its nodes.</summary>
    public Transport.Security.SealPacing SealPacing { get; init; } = Transport.Security.SealPacing.Default;

    /// <summary>How often the loop wakes to fire timers (1 ms..10 s). Default 10 ms.</summary>
    public TimeSpan TimerResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How a participant treats a locked account. Default no-wait; ordered queues instead of aborting (the coordinator
    /// asks the shards one at a time, in shard order) and commits the most under contention (docs/architecture.md,
    /// "Lock policies").
    /// </summary>
    public LockPolicy LockPolicy { get; init; } = LockPolicy.NoWait;

    /// <summary>The waiting policies: the longest wait for locks before voting NO. Default 500 ms.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the node sends heartbeats to its peers and judges them (1 ms..1 day). Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat intervals without any message from a peer before it is marked down and transactions touching it are refused (1..1000). Default 3.</summary>
    public int MissedHeartbeatsBeforeDown { get; init; } = 3;

    /// <summary>Finished transactions whose status stays queryable (0..10,000,000). Default 100,000.</summary>
    public int StatusRetention { get; init; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range; returns this config otherwise.</summary>
    public CrossShardConfig Validate()
    {
        var shards = AllShards();
        for (var i = 0; i < shards.Count; i++)
        {
            if (shards[i] != i)
            {
                throw new ArgumentException(
                    $"{nameof(LocalShard)} and {nameof(ConnectedShards)} must number the shards 0..N-1 exactly once; got [{string.Join(", ", shards)}]");
            }
        }

        if (shards.Count > ShardMap.MaxShards)
        {
            throw new ArgumentException($"at most {ShardMap.MaxShards} shards are supported, got {shards.Count}");
        }

        if (Manifest.ClusterIdRules.Check(ClusterId) is { } problem)
        {
            throw new ArgumentException($"{nameof(ClusterId)}: {problem.Problem}");
        }

        Range(BatchSize, 1, 100_000, nameof(BatchSize));
        SealPacing.Validate();
        Range(MinBatchSize, 1, 100_000, nameof(MinBatchSize));
        if (BatchLatencyTarget <= TimeSpan.Zero || BatchLatencyTarget > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"{nameof(BatchLatencyTarget)} must be between 0 and 10 s, got {BatchLatencyTarget}");
        }

        Range(MaxInFlight, 1, 10_000_000, nameof(MaxInFlight));
        Range(StatusRetention, 0, 10_000_000, nameof(StatusRetention));
        if (TimerResolution < TimeSpan.FromMilliseconds(1) || TimerResolution > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"{nameof(TimerResolution)} must be between 1 ms and 10 s, got {TimerResolution}");
        }

        ToProtocolOptions();
        return this;
    }

    /// <summary>The shards of the cluster, ascending.</summary>
    public IReadOnlyList<int> AllShards() => ConnectedShards.Append(LocalShard).Order().ToList();

    /// <summary>The state-machine settings these map to (validated).</summary>
    public ProtocolOptions ToProtocolOptions()
    {
        var backoff = new Backoff(BaseRetryBackoff, MaxRetryBackoff);
        return new ProtocolOptions
        {
            VoteTimeout = TransactionTimeout,
            MaxPrepareRetries = RetryCount,
            PrepareRetry = backoff,
            DecisionRetry = backoff,
            InDoubtQuery = new Backoff(BaseRetryBackoff * 5, MaxRetryBackoff * 3),
            LockPolicy = LockPolicy,
            LockWaitTimeout = LockWaitTimeout,
            CompletedRetention = StatusRetention,
            HeartbeatInterval = HeartbeatInterval,
            MissedHeartbeatsBeforeDown = MissedHeartbeatsBeforeDown,
        }.Validate();
    }

    /// <summary>The event-loop settings these map to.</summary>
    public ShardNodeSettings ToNodeSettings() => new(BatchSize, MaxInFlight, TimerResolution, MinBatchSize, BatchLatencyTarget);

    /// <summary>The local shard's id.</summary>
    public ShardId LocalShardId => new(LocalShard);

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"{name} must be between {min} and {max}, got {value}");
        }
    }
}
