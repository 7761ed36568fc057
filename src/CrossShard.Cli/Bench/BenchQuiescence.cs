namespace CrossShard.Cli.Bench;

/// <summary>What was still unfinished in the target once the load stopped and the target was given time to settle.</summary>
/// <param name="Coordinating">Transactions whose coordinator still waits for votes or acknowledgements.</param>
/// <param name="Participating">Transactions a participant has not seen decided.</param>
/// <param name="LocksHeld">Account locks held.</param>
public sealed record BenchQuiescence(int Coordinating, int Participating, int LocksHeld)
{
    /// <summary>True when nothing is unfinished.</summary>
    public bool IsQuiet => Coordinating == 0 && Participating == 0 && LocksHeld == 0;
}
