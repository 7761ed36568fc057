namespace CrossShard.Cli.Bench;

/// <summary>
/// The cluster a benchmark run drives: the embedded one in this process, or separate node processes over gRPC.
/// The driver only starts it, submits transfers, reads the grand total, lets it settle and stops it; every
/// measurement around those calls (window, latency, stalls, invariants) is the driver's and the same for every target.
/// </summary>
public interface IBenchTarget : IAsyncDisposable
{
    /// <summary>One line saying what runs where (shown in the report).</summary>
    string Description { get; }

    /// <summary>Funds every account with <paramref name="initialBalance"/> (genesis) and starts the nodes.</summary>
    Task StartAsync(IReadOnlyList<string> accounts, long initialBalance, CancellationToken cancellationToken);

    /// <summary>Runs one transfer to its outcome. Called concurrently from many tasks; a transfer is never resubmitted.</summary>
    ValueTask<BenchOutcome> SubmitAsync(BenchTransfer transfer, CancellationToken cancellationToken);

    /// <summary>The sum of every balance on every shard, read from the nodes.</summary>
    Task<long> ReadTotalAsync(CancellationToken cancellationToken);

    /// <summary>Waits until nothing is unfinished (every decision acknowledged, no lock held), or the timeout passes.</summary>
    Task<BenchQuiescence> QuiesceAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Counters about the traffic between the nodes so far.</summary>
    BenchTargetStats ReadStats();

    /// <summary>
    /// CPU time (user + system) the node processes have used so far, summed; null when the nodes run in this process
    /// (their CPU is then the process's own) or when a node cannot be read (it exited).
    /// </summary>
    TimeSpan? ReadNodeCpu();

    /// <summary>Stops the nodes and releases what the target created (a durable run's temporary stores). Idempotent.</summary>
    ValueTask StopAsync();
}
