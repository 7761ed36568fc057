namespace CrossShard.Simulation;

/// <summary>What one simulated run did and found.</summary>
/// <param name="Seed">The seed that reproduces it exactly.</param>
/// <param name="Submitted">Transactions the clients submitted.</param>
/// <param name="Committed">Transactions committed at their coordinator.</param>
/// <param name="Faults">Faults injected, by kind.</param>
/// <param name="Violations">Invariant violations (must be empty).</param>
/// <param name="SimulatedTime">Simulated time the run covered.</param>
/// <param name="Steps">Events processed.</param>
public sealed record SimulationResult(
    int Seed,
    int Submitted,
    int Committed,
    IReadOnlyDictionary<string, int> Faults,
    IReadOnlyList<string> Violations,
    TimeSpan SimulatedTime,
    long Steps)
{
    /// <summary>The shape options that differ from the defaults, as command-line flags, so the replay runs the same cluster.</summary>
    public string ShapeArguments { get; init; } = "";

    /// <summary>The one-line command that replays this run.</summary>
    public string ReplayCommand => $"dotnet run --project src/CrossShard.Cli -- simulate --seed {Seed}{ShapeArguments}";
}
