namespace CrossShard.Core.Transactions;

/// <summary>Thrown at the library boundary when a transaction is refused before entering the protocol; nothing was applied.</summary>
public sealed class InvalidTransactionException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> with a sentence naming the problem.</summary>
    public InvalidTransactionException(TransactionError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The typed reason.</summary>
    public TransactionError Error { get; }

    /// <summary>A sentence that names the problem for each error.</summary>
    public static string Describe(TransactionError error) => error switch
    {
        TransactionError.EmptyOperations => "the transaction has no operations",
        TransactionError.TooManyOperations => $"the transaction has more than {TransactionCodec.MaxOperations} operations",
        TransactionError.InvalidAccountId => "an account id is empty, longer than 128 bytes or contains control characters",
        TransactionError.NonPositiveAmount => "amounts must be positive",
        TransactionError.AmountOverflow => "the amounts overflow a 64-bit balance",
        TransactionError.Unbalanced => "debits and credits must sum to the same amount",
        TransactionError.SelfTransfer => "an account cannot transfer to itself",
        TransactionError.DuplicateKey => "an account or anchor key appears twice",
        TransactionError.UnknownShard => "the transaction names a shard that is not in the cluster",
        TransactionError.MalformedOperation => "an operation is malformed",
        TransactionError.DuplicateTransaction => "this transaction was already submitted",
        TransactionError.ShardDown => "a shard the transaction touches is down",
        _ => error.ToString(),
    };
}
