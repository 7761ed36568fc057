namespace CrossShard.Cli.Bench;

/// <summary>One transfer of the benchmark's workload, in the shape any target can send.</summary>
/// <param name="From">The debited account.</param>
/// <param name="To">The credited account.</param>
/// <param name="Amount">The amount moved (positive).</param>
/// <param name="Nonce">Makes the transfer's transaction id unique.</param>
public readonly record struct BenchTransfer(string From, string To, long Amount, ulong Nonce);
