using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;
using CrossShard.Node.Runtime;
using Grpc.Core;

namespace CrossShard.Network.Client;

/// <summary>Turns a node's gRPC error into the client's typed exceptions, so callers never handle raw status codes for expected failures.</summary>
internal static class RpcFailures
{
    public static Exception Translate(RpcException e, ShardId shard, string endpoint, TxId? txId, CancellationToken cancellationToken)
    {
        if (ClientProtocol.TryGetTransactionError(e, out var error))
        {
            return new InvalidTransactionException(error, e.Status.Detail);
        }

        var unknown = txId is { } id ? $"; the outcome of {id} is unknown, ask its status later" : string.Empty;
        return e.StatusCode switch
        {
            StatusCode.ResourceExhausted => new NodeBusyException(shard, $"node {shard} at {endpoint}: {e.Status.Detail}", e),
            StatusCode.Cancelled when cancellationToken.IsCancellationRequested => new OperationCanceledException(e.Status.Detail, e, cancellationToken),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled =>
                new ClusterUnavailableException(shard, endpoint, txId, $"node {shard} at {endpoint} is unavailable: {e.Status.Detail}{unknown}", e.StatusCode, e),
            _ => new CrossShardClientException($"node {shard} at {endpoint} answered {e.StatusCode}: {e.Status.Detail}", e.StatusCode, e),
        };
    }
}
