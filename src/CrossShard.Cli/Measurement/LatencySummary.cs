namespace CrossShard.Cli.Measurement;

/// <summary>Latency percentiles in milliseconds (from a <see cref="LatencyHistogram"/>: within 0.8% above the true value).</summary>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest sample (exact).</param>
public sealed record LatencySummary(double P50, double P99, double P999, double Max);
