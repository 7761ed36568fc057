namespace CrossShard.Cli.Bench;

/// <summary>Garbage collections by generation.</summary>
/// <param name="Gen0">Generation-0 collections.</param>
/// <param name="Gen1">Generation-1 collections.</param>
/// <param name="Gen2">Generation-2 (full) collections.</param>
public sealed record GcCounts(int Gen0, int Gen1, int Gen2);
