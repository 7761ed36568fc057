using CrossShard.Core.Ids;
using Microsoft.Extensions.Logging;

namespace CrossShard.Node;

/// <summary>Every log line of the node assembly, source-generated; event ids start at 2000.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Node {ShardId} started")]
    public static partial void NodeStarted(ILogger logger, ShardId shardId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Node {ShardId} stopped")]
    public static partial void NodeStopped(ILogger logger, ShardId shardId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Node {ShardId} dropped a message that breaks the protocol: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, ShardId shardId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Node {ShardId} dropped a message from {Sender} claiming to be from {ClaimedSender}")]
    public static partial void SenderMismatch(ILogger logger, ShardId shardId, ShardId sender, ShardId claimedSender);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Critical, Message = "HEURISTIC MIXED on {ShardId}: the coordinator's decision for {TxId} contradicts the operator's heuristic decision; the shards disagree and need manual repair")]
    public static partial void HeuristicMixed(ILogger logger, ShardId shardId, TxId txId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Operator decided {TxId} heuristically as {Decision} on {ShardId}")]
    public static partial void HeuristicDecided(ILogger logger, ShardId shardId, TxId txId, Core.Messages.DecisionKind decision);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Critical, Message = "Node {ShardId} failed and stops serving")]
    public static partial void NodeFailed(ILogger logger, Exception exception, ShardId shardId);
}
