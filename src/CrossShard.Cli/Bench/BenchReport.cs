using CrossShard.Cli.Measurement;

namespace CrossShard.Cli.Bench;

/// <summary>The result of one <c>xshard bench</c> run: every number covers the measured window only (warmup excluded).</summary>
public sealed record BenchReport
{
    /// <summary>The run's whole configuration.</summary>
    public required BenchSettings Config { get; init; }

    /// <summary>What ran where.</summary>
    public required string Target { get; init; }

    /// <summary>Length of the measured window in seconds (the rates divide by it).</summary>
    public required double MeasuredSeconds { get; init; }

    /// <summary>Transfers committed in the window.</summary>
    public required long Committed { get; init; }

    /// <summary>Transfers aborted in the window.</summary>
    public required long Aborted { get; init; }

    /// <summary>Transfers refused before entering the protocol, or (cluster mode) left without an outcome because a node was busy or unreachable (0 expected).</summary>
    public required long Rejected { get; init; }

    /// <summary>Open loop: transfers due in the window that were dropped because the admission limit was reached.</summary>
    public required long NotAdmitted { get; init; }

    /// <summary>Committed transfers per second.</summary>
    public required double CommittedPerSec { get; init; }

    /// <summary>Aborted transfers per second.</summary>
    public required double AbortedPerSec { get; init; }

    /// <summary>Open loop: the offered rate's transfers dropped per second because the admission limit was reached.</summary>
    public required double NotAdmittedPerSec { get; init; }

    /// <summary>Aborted transfers in the window, by abort reason.</summary>
    public required SortedDictionary<string, long> AbortsByReason { get; init; }

    /// <summary>Latency of the transfers decided in the window, from submission (open loop: from the time it was due) to outcome.</summary>
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Process CPU time over wall time over cores, in percent (100 = every core busy the whole window).</summary>
    public required double CpuPercent { get; init; }

    /// <summary>Process CPU time in the window, in seconds.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>Cores busy on average (CPU time over wall time).</summary>
    public required double CpuCores { get; init; }

    /// <summary>
    /// Cluster mode: CPU time (user + system) of every node process in the window, summed, in seconds (the fields
    /// above cover this process only, the load generator and client). Null in embedded mode, where the nodes' CPU is
    /// in <see cref="CpuSeconds"/>.
    /// </summary>
    public double? NodeCpuSeconds { get; init; }

    /// <summary>Cluster mode: <see cref="NodeCpuSeconds"/> over wall time over cores, in percent. Null in embedded mode.</summary>
    public double? NodeCpuPercent { get; init; }

    /// <summary>Logical processors of the machine.</summary>
    public required int ProcessorCount { get; init; }

    /// <summary>Bytes allocated by the whole process in the window.</summary>
    public required long AllocatedBytes { get; init; }

    /// <summary>Bytes allocated in the window per committed transfer (the load generator's own included).</summary>
    public required double AllocatedBytesPerTx { get; init; }

    /// <summary>The largest working set of the process over the whole run (funding and warmup included), in bytes.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Garbage collections in the window, by generation.</summary>
    public required GcCounts GcCollections { get; init; }

    /// <summary>Transfers committed in each second of the window, in order.</summary>
    public required IReadOnlyList<long> CommittedEachSecond { get; init; }

    /// <summary>The slowest, middle and fastest second of <see cref="CommittedEachSecond"/>.</summary>
    public RateSpread CommittedPerSecondSpread => RateSpread.Of(CommittedEachSecond);

    /// <summary>The longest time in the window without any decision, in milliseconds.</summary>
    public required double LongestStallMs { get; init; }

    /// <summary>Sum of every opening balance.</summary>
    public required long GenesisTotal { get; init; }

    /// <summary>Sum of every balance once the load stopped and the cluster settled.</summary>
    public required long TotalAfter { get; init; }

    /// <summary>True when the total read before the load and after it both equal <see cref="GenesisTotal"/>.</summary>
    public required bool Conserved { get; init; }

    /// <summary>True when nothing was left in flight after the load stopped: no outstanding transfer, no undecided or unacknowledged transaction, no lock held.</summary>
    public required bool Quiescent { get; init; }

    /// <summary>What was still unfinished after settling (all zero when <see cref="Quiescent"/>).</summary>
    public required BenchQuiescence InFlightAfterQuiesce { get; init; }

    /// <summary>Signed envelopes sent between nodes over the whole run (0 without signatures).</summary>
    public required long Envelopes { get; init; }

    /// <summary>Messages those envelopes carried.</summary>
    public required long SignedMessages { get; init; }

    /// <summary>ML-DSA signatures those envelopes carried (one per signing round, shared by the round's envelopes).</summary>
    public required long MlDsaSignatures { get; init; }

    /// <summary>Envelopes a receiver refused (0 in a healthy run).</summary>
    public required long RejectedEnvelopes { get; init; }

    /// <summary>True when every check passed: conserved, quiescent, no envelope refused.</summary>
    public bool InvariantsHold => Conserved && Quiescent && RejectedEnvelopes == 0;
}
