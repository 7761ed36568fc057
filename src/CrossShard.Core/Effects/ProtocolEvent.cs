using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Effects;

/// <summary>One observable protocol step at one shard.</summary>
/// <param name="At">The driver's time when it happened.</param>
/// <param name="Shard">The shard where it happened.</param>
/// <param name="Tx">The transaction.</param>
/// <param name="Kind">The step.</param>
/// <param name="Reason">The abort reason, for NO votes and abort decisions.</param>
public readonly record struct ProtocolEvent(TimeSpan At, ShardId Shard, TxId Tx, ProtocolEventKind Kind, AbortReason Reason = AbortReason.None);
