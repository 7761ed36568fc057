namespace CrossShard.Cli.Bench;

/// <summary>Builds the target a run's <see cref="BenchSettings.Mode"/> names.</summary>
internal static class BenchTargets
{
    /// <summary>The one-line reason cluster mode cannot run yet.</summary>
    public const string ClusterUnavailable = "cluster mode needs the networked node (not in this build)";

    /// <summary>A new, unstarted target; throws <see cref="BenchTargetUnavailableException"/> when the mode cannot run here.</summary>
    public static IBenchTarget Create(BenchSettings settings) => settings.Mode switch
    {
        BenchMode.Embedded => new EmbeddedBenchTarget(settings),
        // The networked node (src/CrossShard.Network) plugs in here as a ClusterBenchTarget: launch or connect to the
        // node processes, open the accounts through their client API, submit over gRPC, read totals and quiesce via status.
        BenchMode.Cluster => throw new BenchTargetUnavailableException(ClusterUnavailable),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Mode, "unknown bench mode"),
    };
}
