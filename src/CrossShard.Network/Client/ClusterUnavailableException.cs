using CrossShard.Core.Ids;
using Grpc.Core;

namespace CrossShard.Network.Client;

/// <summary>
/// A node could not be reached, or answered that it cannot serve (starting, stopping, stopped). For a submission the
/// outcome is unknown (<see cref="TxId"/> says which transaction): ask its status later, assume nothing.
/// </summary>
public sealed class ClusterUnavailableException : CrossShardClientException
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(ShardId shard, string endpoint, TxId? txId, string message, StatusCode status, Exception? inner = null)
        : base(message, status, inner)
    {
        Shard = shard;
        Endpoint = endpoint;
        TxId = txId;
    }

    /// <summary>The shard whose node failed to answer.</summary>
    public ShardId Shard { get; }

    /// <summary>That node's endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>The submitted transaction whose outcome is unknown; null for other calls.</summary>
    public TxId? TxId { get; }
}
