using System.Collections.Immutable;
using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Node.Api;

/// <summary>
/// A cross-shard transaction as the library API takes it: either the original <c>(txHash, fromShard, toShard)</c> shape,
/// which atomically records <c>txHash</c> on both shards (an anchor that can be written once), or the richer form with
/// any balanced list of debits, credits and anchors.
/// </summary>
public sealed class CrossShardTransaction
{
    /// <summary>The original shape: record <paramref name="txHash"/> on <paramref name="fromShard"/> and <paramref name="toShard"/> atomically, once.</summary>
    public CrossShardTransaction(string txHash, int fromShard, int toShard)
    {
        ArgumentNullException.ThrowIfNull(txHash);
        TxHash = txHash;
        FromShard = fromShard;
        ToShard = toShard;
        // Nonce 0: the anchor key already makes the transaction unique, and the id stays computable by anyone.
        Transaction = fromShard == toShard
            ? new Transaction(0, [Operation.Anchor(new ShardId(fromShard), txHash)])
            : new Transaction(0, [Operation.Anchor(new ShardId(fromShard), txHash), Operation.Anchor(new ShardId(toShard), txHash)]);
    }

    /// <summary>The richer form: <paramref name="operations"/> applied atomically, made unique by <paramref name="nonce"/>.</summary>
    public CrossShardTransaction(IEnumerable<Operation> operations, ulong nonce)
    {
        Transaction = new Transaction(nonce, operations.ToImmutableArray());
    }

    /// <summary>A transfer of <paramref name="amount"/> from one account to another.</summary>
    public static CrossShardTransaction Transfer(string from, string to, long amount, ulong nonce)
    {
        if (!AccountId.TryCreate(from, out var source) || !AccountId.TryCreate(to, out var destination))
        {
            throw new InvalidTransactionException(TransactionError.InvalidAccountId, InvalidTransactionException.Describe(TransactionError.InvalidAccountId));
        }

        return new CrossShardTransaction([Operation.Debit(source, amount), Operation.Credit(destination, amount)], nonce);
    }

    /// <summary>The legacy hash of the original shape; null for the richer form.</summary>
    public string? TxHash { get; }

    /// <summary>The legacy source shard; null for the richer form.</summary>
    public int? FromShard { get; }

    /// <summary>The legacy destination shard; null for the richer form.</summary>
    public int? ToShard { get; }

    /// <summary>The protocol transaction this maps to.</summary>
    public Transaction Transaction { get; }

    /// <summary>The transaction id: SHA3-256 of its canonical encoding.</summary>
    public TxId Id => Transaction.Id;

    /// <summary>The operations.</summary>
    public ImmutableArray<Operation> Operations => Transaction.Operations;
}
