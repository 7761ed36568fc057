using CrossShard.Core.Ids;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Peers;

/// <summary>Every log line of the peer links, source-generated; event ids 4100..4199 (the network assembly owns 4000..4999).</summary>
internal static partial class PeerLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Peer link {ShardId} -> {Peer} is up (protocol version {Version}) after {Failures} failed attempts")]
    public static partial void LinkUp(ILogger logger, ShardId shardId, ShardId peer, int version, int failures);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Peer link {ShardId} -> {Peer} at {Endpoint} failed: {Reason} ({Suppressed} similar failures not logged); redialling with backoff")]
    public static partial void LinkFailed(ILogger logger, ShardId shardId, ShardId peer, string endpoint, string reason, long suppressed);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Node {ShardId} closed a peer stream from {Remote}: {Error} {Reason} - {Detail} ({Suppressed} similar not logged)")]
    public static partial void StreamRefused(ILogger logger, ShardId shardId, string remote, PeerStreamError error, string? reason, string detail, long suppressed);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Node {ShardId} accepted a peer stream from {Peer} at {Remote}")]
    public static partial void StreamAccepted(ILogger logger, ShardId shardId, ShardId peer, string remote);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Node {ShardId} could not hand an envelope from {Peer} to its sink")]
    public static partial void SinkFailed(ILogger logger, Exception exception, ShardId shardId, ShardId peer);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Node {ShardId}: the gRPC server accepts messages up to {Limit} bytes but peer links send up to {Needed}; configure it with AddPeerLinks or GrpcServiceOptions<PeerLinkService>.MaxReceiveMessageSize")]
    public static partial void ServerLimitTooSmall(ILogger logger, ShardId shardId, int? limit, int needed);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "Node {ShardId}: a peer stream from {Remote} failed unexpectedly")]
    public static partial void StreamCrashed(ILogger logger, Exception exception, ShardId shardId, string remote);
}
