using System.Runtime.ExceptionServices;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Network.Client;

/// <summary>What became of one transaction of a <see cref="CrossShardClient.SubmitBatchAsync"/> call: exactly one of an outcome or an error.</summary>
/// <param name="Tx">The transaction's id.</param>
/// <param name="Outcome">Committed (durable) or aborted with the reason; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">The typed exception <see cref="CrossShardClient.SubmitAsync"/> would have thrown for this transaction.</param>
public sealed record BatchSubmissionResult(TxId Tx, TransactionOutcome? Outcome, Exception? Error)
{
    /// <summary>The outcome, or the error thrown.</summary>
    public TransactionOutcome GetOutcome()
    {
        if (Outcome is { } outcome)
        {
            return outcome;
        }

        ExceptionDispatchInfo.Throw(Failure);
        return null;
    }

    /// <summary>What a caller waiting for this transaction should see fail: <see cref="Error"/>, or that there was nothing.</summary>
    internal Exception Failure => Error ?? new InvalidOperationException($"no outcome and no error for {Tx}");
}
