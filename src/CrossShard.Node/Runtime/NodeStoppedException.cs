namespace CrossShard.Node.Runtime;

/// <summary>The node is stopped (or failed): the request was not taken, or its outcome is unknown to this caller.</summary>
public sealed class NodeStoppedException : Exception
{
    /// <summary>Creates the exception with a sentence saying why.</summary>
    public NodeStoppedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
