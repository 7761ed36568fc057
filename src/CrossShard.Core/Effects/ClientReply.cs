using CrossShard.Core.Messages;

namespace CrossShard.Core.Effects;

/// <summary>Tells the submitting client its transaction's outcome; released only after the batch's forced records are durable.</summary>
/// <param name="Outcome">The outcome.</param>
public readonly record struct ClientReply(TransactionOutcome Outcome);
