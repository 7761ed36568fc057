namespace CrossShard.Node.Api;

/// <summary>Where a transaction stands, as its coordinator sees it.</summary>
public enum TransactionPhase
{
    /// <summary>This node does not know the transaction (never submitted here, or forgotten).</summary>
    Unknown,

    /// <summary>Prepare sent; collecting votes.</summary>
    Preparing,

    /// <summary>COMMIT is durable (the client is told "committed"); waiting for participants to acknowledge.</summary>
    Committing,

    /// <summary>ABORT decided; waiting for participants to acknowledge.</summary>
    Aborting,

    /// <summary>Committed everywhere and acknowledged by every participant.</summary>
    Committed,

    /// <summary>Aborted everywhere.</summary>
    Aborted,
}
