namespace CrossShard.Cli.Bench;

/// <summary>What one <c>xshard bench</c> run does; echoed whole in its report.</summary>
public sealed record BenchSettings
{
    /// <summary>Opening balance of every account: large enough that random transfers never run one dry, so aborts come from the protocol (lock conflicts), not from overdrafts.</summary>
    public const long InitialBalance = 1_000_000_000;

    /// <summary>Admission limit of an open-loop run when <c>--concurrency</c> is not given.</summary>
    public const int DefaultOpenLoopLimit = 10_000;

    /// <summary>Transfers in flight of a closed-loop run when <c>--concurrency</c> is not given.</summary>
    public const int DefaultConcurrency = 256;

    /// <summary>The cluster driven. Default embedded.</summary>
    public BenchMode Mode { get; init; } = BenchMode.Embedded;

    /// <summary>Number of shards. Default 4.</summary>
    public int Shards { get; init; } = 4;

    /// <summary>Number of funded accounts. Default 10,000.</summary>
    public int Accounts { get; init; } = 10_000;

    /// <summary>Fraction of transfers whose two accounts live on different shards (0..1). Default 1.</summary>
    public double CrossShardRatio { get; init; } = 1.0;

    /// <summary>
    /// Closed loop: transfers kept outstanding (each worker submits its next transfer when the previous one is decided).
    /// Open loop (<see cref="Rate"/> set): the most transfers outstanding at once; a transfer due while the limit is
    /// reached is not admitted and counted.
    /// </summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Open-loop offered load in transfers per second, whatever the cluster's answers; closed loop when null.</summary>
    public int? Rate { get; init; }

    /// <summary>Length of the measured window in seconds. Default 10.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Seconds of load before the measured window, excluded from every number. Default 2.</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Sign and verify every message between nodes (ML-DSA-65). Default on.</summary>
    public bool Signatures { get; init; } = true;

    /// <summary>RocksDB stores (synced group commit) in a fresh temporary directory removed afterwards; in-memory stores when false. Default on.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>What a prepare does on a locked account. Default no-wait (the nodes' default). JSON: its command-line name.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(LockPolicyJsonConverter))]
    public Core.Locks.LockPolicy LockPolicy { get; init; } = Core.Locks.LockPolicy.NoWait;

    /// <summary>Seed of the workload (account pairs, amounts) and of the nodes' jitter. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>True when the load is open-loop (<see cref="Rate"/> set).</summary>
    public bool OpenLoop => Rate is not null;
}
