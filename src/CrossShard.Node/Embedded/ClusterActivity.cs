namespace CrossShard.Node.Embedded;

/// <summary>Unfinished work across a cluster at one moment.</summary>
/// <param name="Coordinating">Transactions whose coordinator still waits for votes or acknowledgements.</param>
/// <param name="Participating">Transactions a participant has not seen decided.</param>
/// <param name="LocksHeld">Account locks held.</param>
public readonly record struct ClusterActivity(int Coordinating, int Participating, int LocksHeld)
{
    /// <summary>True when nothing is unfinished.</summary>
    public bool IsQuiet => Coordinating == 0 && Participating == 0 && LocksHeld == 0;
}
