using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Coordination;

/// <summary>The immediate answer to a submission: accepted into the protocol (the outcome follows as a client reply) or refused with a typed error.</summary>
/// <param name="Tx">The transaction id (default when the transaction was too malformed to have one).</param>
/// <param name="Error">Why it was refused, or <see cref="TransactionError.None"/>.</param>
public readonly record struct SubmitResult(TxId Tx, TransactionError Error)
{
    /// <summary>True when the transaction entered the protocol.</summary>
    public bool Accepted => Error == TransactionError.None;
}
