using CrossShard.Crypto.Channels;
using Grpc.Core;

namespace CrossShard.Network.Peers;

/// <summary>Ends one peer-link stream for a typed reason; the service turns it into an <see cref="RpcException"/> with the matching status.</summary>
internal sealed class PeerStreamFault : Exception
{
    /// <summary>Trailer carrying the <see cref="PeerStreamError"/> name.</summary>
    public const string ErrorTrailer = "crossshard-error";

    /// <summary>Trailer carrying the <see cref="HandshakeError"/> or <see cref="ChannelError"/> name, when there is one.</summary>
    public const string ReasonTrailer = "crossshard-reason";

    public PeerStreamFault(PeerStreamError error, string? reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Reason = reason;
    }

    public PeerStreamError Error { get; }

    /// <summary>The finer reason: a HandshakeError or ChannelError name.</summary>
    public string? Reason { get; }

    /// <summary>The handshake error when <see cref="Error"/> is <see cref="PeerStreamError.HandshakeRefused"/>.</summary>
    public HandshakeError? HandshakeError { get; private init; }

    public static PeerStreamFault Handshake(HandshakeException ex) =>
        new(PeerStreamError.HandshakeRefused, ex.Error.ToString(), ex.Message, ex) { HandshakeError = ex.Error };

    public static PeerStreamFault Record(ChannelException ex) =>
        new(PeerStreamError.RecordRejected, ex.Error.ToString(), ex.Message, ex);

    /// <summary>The status a gRPC client sees: codes follow the gRPC status-code guide (docs/wire-grpc.md, "Errors").</summary>
    public StatusCode StatusCode => Error switch
    {
        PeerStreamError.HandshakeRefused => HandshakeError switch
        {
            Crypto.Channels.HandshakeError.WrongCluster or Crypto.Channels.HandshakeError.WrongResponder or Crypto.Channels.HandshakeError.UnknownPeer
                or Crypto.Channels.HandshakeError.WrongPeerKey or Crypto.Channels.HandshakeError.BadSignature => StatusCode.Unauthenticated,
            Crypto.Channels.HandshakeError.UnsupportedVersion or Crypto.Channels.HandshakeError.UnsupportedAlgorithm => StatusCode.FailedPrecondition,
            _ => StatusCode.InvalidArgument,
        },
        PeerStreamError.HandshakeTimeout => StatusCode.DeadlineExceeded,
        PeerStreamError.HandshakeAbandoned => StatusCode.Cancelled,
        PeerStreamError.UnexpectedFrame => StatusCode.FailedPrecondition,
        PeerStreamError.FrameTooLarge or PeerStreamError.Busy => StatusCode.ResourceExhausted,
        PeerStreamError.RecordRejected or PeerStreamError.MalformedBatch => StatusCode.InvalidArgument,
        PeerStreamError.NotServing => StatusCode.Unavailable,
        PeerStreamError.Superseded => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };

    public RpcException ToRpcException()
    {
        var trailers = new Metadata { { ErrorTrailer, Error.ToString() } };
        if (Reason is not null)
        {
            trailers.Add(ReasonTrailer, Reason);
        }

        var detail = Reason is null ? $"{Error}: {Message}" : $"{Error} ({Reason}): {Message}";
        return new RpcException(new Status(StatusCode, detail), trailers);
    }
}
