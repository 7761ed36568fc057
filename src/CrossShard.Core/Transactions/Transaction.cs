using System.Collections.Immutable;
using CrossShard.Core.Ids;

namespace CrossShard.Core.Transactions;

/// <summary>A client's transaction: a nonce it chose plus the operations to apply atomically on every shard they touch.</summary>
public sealed class Transaction
{
    private TxId? _id;

    /// <summary>Creates a transaction; nothing is validated here (see <see cref="TransactionValidator"/>).</summary>
    public Transaction(ulong nonce, ImmutableArray<Operation> operations)
    {
        Nonce = nonce;
        Operations = operations.IsDefault ? [] : operations;
    }

    /// <summary>The client-chosen nonce that makes otherwise identical transactions distinct.</summary>
    public ulong Nonce { get; }

    /// <summary>The operations, in the order the client gave them.</summary>
    public ImmutableArray<Operation> Operations { get; }

    /// <summary>SHA3-256 of <see cref="TransactionCodec.Encode(Transaction)"/>; computed once.</summary>
    public TxId Id => _id ??= TransactionCodec.ComputeId(this);

    /// <summary>A transfer of <paramref name="amount"/> from one account to another.</summary>
    public static Transaction Transfer(ulong nonce, AccountId from, AccountId to, long amount) =>
        new(nonce, [Operation.Debit(from, amount), Operation.Credit(to, amount)]);

    /// <summary>The distinct shards this transaction touches, in ascending order: its participants.</summary>
    public ImmutableArray<ShardId> ParticipantsIn(ShardMap map)
    {
        var builder = ImmutableArray.CreateBuilder<ShardId>(Math.Min(Operations.Length, map.ShardCount));
        foreach (var op in Operations)
        {
            var shard = op.ShardIn(map);
            if (!builder.Contains(shard))
            {
                builder.Add(shard);
            }
        }

        builder.Sort();
        return builder.ToImmutable();
    }
}
