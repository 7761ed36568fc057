using System.Collections.Immutable;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Node.Api;

/// <summary>The answer of <see cref="EnhancedCrossShardManager.GetTransactionStatus(TxId)"/>.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="Phase">Where it stands.</param>
/// <param name="IsComplete">True once every participant acknowledged the decision (nothing left to do anywhere).</param>
/// <param name="Outcome">The decision with its reason, once decided.</param>
/// <param name="Participants">The shards the transaction touches, when this node coordinated it.</param>
public sealed record TransactionStatus(TxId Tx, TransactionPhase Phase, bool IsComplete, TransactionOutcome? Outcome, ImmutableArray<ShardId> Participants = default)
{
    /// <summary>The status of a transaction this node does not know.</summary>
    public static TransactionStatus Unknown(TxId tx) => new(tx, TransactionPhase.Unknown, false, null);
}
