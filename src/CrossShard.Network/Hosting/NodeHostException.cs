namespace CrossShard.Network.Hosting;

/// <summary>A node could not start (bad key, manifest or store, port in use, …); the message says why in one line.</summary>
public sealed class NodeHostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeHostException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
