namespace CrossShard.Core.Transactions;

/// <summary>Why a submitted transaction is refused before any shard sees it. Nothing is applied and no lock is taken.</summary>
public enum TransactionError
{
    /// <summary>No problem.</summary>
    None = 0,

    /// <summary>The transaction has no operations.</summary>
    EmptyOperations,

    /// <summary>More than <see cref="TransactionCodec.MaxOperations"/> operations.</summary>
    TooManyOperations,

    /// <summary>An account id is empty, too long or contains control characters.</summary>
    InvalidAccountId,

    /// <summary>A debit or credit amount is zero or negative.</summary>
    NonPositiveAmount,

    /// <summary>The sum of the debits or of the credits overflows a 64-bit balance.</summary>
    AmountOverflow,

    /// <summary>Debits and credits do not sum to the same amount, which would create or destroy funds.</summary>
    Unbalanced,

    /// <summary>The same account is both debited and credited.</summary>
    SelfTransfer,

    /// <summary>An account or anchor key appears in more than one operation.</summary>
    DuplicateKey,

    /// <summary>An anchor names a shard that is not in the cluster.</summary>
    UnknownShard,

    /// <summary>An operation has an amount where none is allowed, or an unknown kind.</summary>
    MalformedOperation,

    /// <summary>A transaction with the same id was already submitted to this coordinator.</summary>
    DuplicateTransaction,

    /// <summary>A shard the transaction touches is marked down; it is refused at once rather than left to time out.</summary>
    ShardDown,
}
