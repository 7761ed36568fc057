namespace CrossShard.Core.Transactions;

/// <summary>What an operation does to the state of the shard it touches. Values are part of the canonical encoding.</summary>
public enum OperationKind : byte
{
    /// <summary>Subtract an amount from an account; fails the transaction if the balance is too small.</summary>
    Debit = 1,

    /// <summary>Add an amount to an account.</summary>
    Credit = 2,

    /// <summary>Record a key on an explicitly named shard if it is absent (a conditional put); fails if the key exists.</summary>
    Anchor = 3,
}
