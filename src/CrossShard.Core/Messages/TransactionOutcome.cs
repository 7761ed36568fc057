using CrossShard.Core.Ids;

namespace CrossShard.Core.Messages;

/// <summary>What a client is told about its transaction: committed (the COMMIT record is durable) or aborted with the reason and the shard that caused it.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="Decision">COMMIT or ABORT.</param>
/// <param name="Reason">Why it aborted; <see cref="AbortReason.None"/> when committed.</param>
/// <param name="Shard">The shard whose vote (or silence) caused the abort, when known.</param>
public sealed record TransactionOutcome(TxId Tx, DecisionKind Decision, AbortReason Reason, ShardId? Shard)
{
    /// <summary>True when the transaction committed.</summary>
    public bool IsCommitted => Decision == DecisionKind.Commit;

    /// <summary>A committed outcome.</summary>
    public static TransactionOutcome Committed(TxId tx) => new(tx, DecisionKind.Commit, AbortReason.None, null);

    /// <summary>An aborted outcome.</summary>
    public static TransactionOutcome Aborted(TxId tx, AbortReason reason, ShardId? shard) => new(tx, DecisionKind.Abort, reason, shard);

    /// <inheritdoc />
    public override string ToString() =>
        IsCommitted ? $"{Tx.ToShortString()} committed" : $"{Tx.ToShortString()} aborted: {Reason}{(Shard is { } s ? $" at {s}" : string.Empty)}";
}
