using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Effects;

/// <summary>A message the core asks the driver to send once the batch's forced records are durable.</summary>
/// <param name="To">The destination shard (possibly this node itself).</param>
/// <param name="Message">The message.</param>
public readonly record struct OutboundMessage(ShardId To, ProtocolMessage Message);
