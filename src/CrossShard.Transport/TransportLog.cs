using CrossShard.Core.Ids;
using CrossShard.Transport.Security;
using Microsoft.Extensions.Logging;

namespace CrossShard.Transport;

/// <summary>Every log line of the transport assembly, source-generated; event ids start at 3000.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Node {ShardId} rejected envelopes from {Sender}: {Reason} ({Count} since the last report)")]
    public static partial void EnvelopeRejected(ILogger logger, ShardId shardId, ShardId sender, EnvelopeRejection reason, long count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Node {ShardId} failed to seal an envelope to {Receiver}")]
    public static partial void SealFailed(ILogger logger, Exception exception, ShardId shardId, ShardId receiver);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Node {ShardId} dropped {Envelopes} sealed envelopes: the log write they waited for failed")]
    public static partial void RoundDropped(ILogger logger, Exception exception, ShardId shardId, int envelopes);
}
