using CrossShard.Core;
using CrossShard.Core.Timing;

namespace CrossShard.Simulation;

/// <summary>One simulated run: cluster shape, workload, and how hard the faults hit. Everything else follows from the seed.</summary>
public sealed record SimulationOptions
{
    /// <summary>Shards in the cluster.</summary>
    public int Shards { get; init; } = 4;

    /// <summary>Accounts (fewer accounts, more contention).</summary>
    public int Accounts { get; init; } = 24;

    /// <summary>Opening balance of every account.</summary>
    public long InitialBalance { get; init; } = 100;

    /// <summary>Transactions submitted by the simulated clients.</summary>
    public int Transactions { get; init; } = 300;

    /// <summary>Simulated time over which submissions are spread.</summary>
    public TimeSpan SubmitWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Percentage of transfers between accounts of different shards.</summary>
    public int CrossShardPercent { get; init; } = 80;

    /// <summary>Percentage of transactions touching three or more shards.</summary>
    public int MultiShardPercent { get; init; } = 15;

    /// <summary>Percentage of deliberately invalid transactions (refused up front).</summary>
    public int InvalidPercent { get; init; } = 5;

    /// <summary>Probability that a message is lost.</summary>
    public double DropRate { get; init; } = 0.05;

    /// <summary>Probability that a message is delivered twice.</summary>
    public double DuplicateRate { get; init; } = 0.05;

    /// <summary>Shortest network delay.</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Longest network delay (messages overtake each other within this spread).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Probability that a node crashes while flushing a batch (before its write, or after sending some of its messages).</summary>
    public double CrashRate { get; init; } = 0.002;

    /// <summary>How long a crashed node stays down, at most.</summary>
    public TimeSpan MaxDowntime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Probability per simulated second that a node is cut off from the others for a while.</summary>
    public double PartitionRate { get; init; } = 0.05;

    /// <summary>How long a partition lasts, at most.</summary>
    public TimeSpan MaxPartition { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Once faults stop, the bound within which every transaction must be decided and every lock released (invariant 6).</summary>
    public TimeSpan TerminationBound { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The protocol's timings, short so that a run covers many timeouts.</summary>
    public ProtocolOptions Protocol { get; init; } = new()
    {
        VoteTimeout = TimeSpan.FromSeconds(1),
        PrepareRetry = new Backoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400)),
        DecisionRetry = new Backoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)),
        InDoubtQuery = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)),
        LockWaitTimeout = TimeSpan.FromMilliseconds(100),
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        MissedHeartbeatsBeforeDown = 5,
    };

    /// <summary>
    /// When set, every node keeps its state in a real RocksDB store under this directory (one per shard) and a crash
    /// is a process crash: the store is closed and reopened as it is. When null, in-memory stores lose their unsynced
    /// writes on a crash (a machine crash).
    /// </summary>
    public string? RocksDbDirectory { get; init; }

    /// <summary>A deliberate bug to inject (tests of the checkers only). Default none.</summary>
    public SimulationMutation Mutation { get; init; } = SimulationMutation.None;

    /// <summary>No faults at all: the baseline a run with faults is compared with.</summary>
    public SimulationOptions WithoutFaults() => this with { DropRate = 0, DuplicateRate = 0, CrashRate = 0, PartitionRate = 0 };
}
