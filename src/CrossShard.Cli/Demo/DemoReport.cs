using CrossShard.Cli.Measurement;

namespace CrossShard.Cli.Demo;

/// <summary>The result of a demo run, printed as a table or as one JSON object.</summary>
public sealed record DemoReport
{
    /// <summary>Shards in the cluster.</summary>
    public required int Shards { get; init; }

    /// <summary>Funded accounts.</summary>
    public required int Accounts { get; init; }

    /// <summary>Transfers attempted.</summary>
    public required int Transfers { get; init; }

    /// <summary>Transfers in flight at once.</summary>
    public required int Concurrency { get; init; }

    /// <summary>Workload seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Transfers committed.</summary>
    public required int Committed { get; init; }

    /// <summary>Transfers aborted.</summary>
    public required int Aborted { get; init; }

    /// <summary>Transfers refused before entering the protocol (typed validation errors).</summary>
    public required int Rejected { get; init; }

    /// <summary>Aborted transfers by reason.</summary>
    public required SortedDictionary<string, int> AbortReasons { get; init; }

    /// <summary>Wall-clock seconds from the first submission to the last outcome.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Transfers decided per second (committed + aborted).</summary>
    public required double TxPerSec { get; init; }

    /// <summary>Committed transfers per second.</summary>
    public required double CommittedPerSec { get; init; }

    /// <summary>Client-observed latency percentiles in milliseconds.</summary>
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Sum of all balances before the run.</summary>
    public required long TotalBefore { get; init; }

    /// <summary>Sum of all balances after the run.</summary>
    public required long TotalAfter { get; init; }

    /// <summary>Each shard's total after the run.</summary>
    public required long[] ShardTotals { get; init; }

    /// <summary>True when no balance was created or destroyed.</summary>
    public required bool Conserved { get; init; }

    /// <summary>True when every decision was acknowledged and no lock was left held after the run.</summary>
    public required bool Quiescent { get; init; }

    /// <summary>Invariant violations found in the run's history (atomicity, isolation, validity, termination).</summary>
    public required IReadOnlyList<string> Violations { get; init; }

    /// <summary>True when messages between nodes were signed (ML-DSA-65) and verified.</summary>
    public required bool Signatures { get; init; }

    /// <summary>Signed envelopes sent between nodes.</summary>
    public required long Envelopes { get; init; }

    /// <summary>Messages those envelopes carried (each covered by its envelope's one signature).</summary>
    public required long SignedMessages { get; init; }

    /// <summary>ML-DSA signatures those envelopes carried (one per signing round, shared by the round's envelopes).</summary>
    public required long MlDsaSignatures { get; init; }

    /// <summary>Envelopes a receiver refused (must be 0 in a healthy run).</summary>
    public required long RejectedEnvelopes { get; init; }

    /// <summary>Signed receipts written (with --receipts).</summary>
    public required int ReceiptsWritten { get; init; }

    /// <summary>True when the cluster continued from state a previous run left in <see cref="DataDirectory"/>.</summary>
    public required bool Resumed { get; init; }

    /// <summary>Where the shards' RocksDB stores live, or null for an in-memory run.</summary>
    public required string? DataDirectory { get; init; }

    /// <summary>True when every invariant check passed.</summary>
    public bool InvariantsHold => Conserved && Quiescent && Violations.Count == 0 && RejectedEnvelopes == 0;
}
