namespace CrossShard.Cli.Bench;

/// <summary>Builds the target a run's <see cref="BenchSettings.Mode"/> names.</summary>
internal static class BenchTargets
{
    /// <summary>A new, unstarted target; throws <see cref="BenchTargetUnavailableException"/> when the mode cannot run with these settings.</summary>
    public static IBenchTarget Create(BenchSettings settings) => settings.Mode switch
    {
        BenchMode.Embedded => new EmbeddedBenchTarget(settings),
        BenchMode.Cluster => new ClusterBenchTarget(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Mode, "unknown bench mode"),
    };
}
