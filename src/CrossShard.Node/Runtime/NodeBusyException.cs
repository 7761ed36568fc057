using CrossShard.Core.Ids;

namespace CrossShard.Node.Runtime;

/// <summary>The node is at its in-flight limit and the caller asked not to wait: nothing was submitted; retry later.</summary>
public sealed class NodeBusyException : Exception
{
    /// <summary>Creates the exception for <paramref name="shard"/>'s node at <paramref name="maxInFlight"/> transactions in flight.</summary>
    public NodeBusyException(ShardId shard, int maxInFlight)
        : base($"node {shard} is busy ({maxInFlight} transactions in flight), retry later")
    {
        Shard = shard;
    }

    /// <summary>Creates the exception from a remote node's answer.</summary>
    public NodeBusyException(ShardId shard, string message, Exception? inner = null)
        : base(message, inner)
    {
        Shard = shard;
    }

    /// <summary>The busy node's shard.</summary>
    public ShardId Shard { get; }
}
