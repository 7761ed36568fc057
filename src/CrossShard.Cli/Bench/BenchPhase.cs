namespace CrossShard.Cli.Bench;

/// <summary>Where a benchmark run is.</summary>
public enum BenchPhase
{
    /// <summary>Funding the accounts and starting the nodes.</summary>
    Starting,

    /// <summary>Load running, nothing measured yet.</summary>
    Warmup,

    /// <summary>Load running, every decision counted.</summary>
    Measuring,

    /// <summary>No new transfers: waiting for the outstanding ones, then for the cluster to settle, then checking.</summary>
    Draining,
}
