using Grpc.Core;

namespace CrossShard.Network.Client;

/// <summary>A node answered a client call with an error the client does not expect (a bug or a version mismatch, not a routine failure).</summary>
public class CrossShardClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CrossShardClientException(string message, StatusCode status, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
    }

    /// <summary>The gRPC status code of the answer.</summary>
    public StatusCode Status { get; }
}
