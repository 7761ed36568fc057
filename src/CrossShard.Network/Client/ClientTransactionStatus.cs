using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Node.Api;

namespace CrossShard.Network.Client;

/// <summary>A transaction's status as its coordinator reports it.</summary>
/// <param name="TxId">The transaction.</param>
/// <param name="Phase">Where it stands; <see cref="TransactionPhase.Unknown"/> when no node knows it.</param>
/// <param name="Decision">The decision, once taken.</param>
/// <param name="AbortReason">Why it aborted; <see cref="Core.Messages.AbortReason.None"/> otherwise.</param>
/// <param name="Coordinator">The node that answered (the coordinator); null when no node knows the transaction.</param>
/// <param name="ReceiptJson">The coordinator's signed receipt (docs/receipts.md) when asked for and decided.</param>
public sealed record ClientTransactionStatus(TxId TxId, TransactionPhase Phase, DecisionKind? Decision, AbortReason AbortReason, ShardId? Coordinator, string? ReceiptJson);
