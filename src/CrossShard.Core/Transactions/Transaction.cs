using System.Collections.Immutable;
using CrossShard.Core.Ids;

namespace CrossShard.Core.Transactions;

/// <summary>A client's transaction: a nonce it chose plus the operations to apply atomically on every shard they touch.</summary>
public sealed class Transaction
{
    private TxId? _id;
    private ShardsUnderMap? _operationShards;

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

    /// <summary>
    /// The shard of each operation under <paramref name="map"/>, computed once per transaction and map size:
    /// every role asks for it several times and the account rule costs a SHA3-256 each time.
    /// </summary>
    public ReadOnlySpan<ShardId> OperationShards(ShardMap map)
    {
        // One immutable object holds both the map size and the shards, so readers on other threads see a consistent pair.
        if (Volatile.Read(ref _operationShards) is { } cached && cached.ShardCount == map.ShardCount)
        {
            return cached.Shards;
        }

        var shards = new ShardId[Operations.Length];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = Operations[i].ShardIn(map);
        }

        Volatile.Write(ref _operationShards, new ShardsUnderMap(map.ShardCount, shards));
        return shards;
    }

    /// <summary>The distinct shards this transaction touches, in ascending order: its participants.</summary>
    public ImmutableArray<ShardId> ParticipantsIn(ShardMap map)
    {
        var builder = ImmutableArray.CreateBuilder<ShardId>(Math.Min(Operations.Length, map.ShardCount));
        foreach (var shard in OperationShards(map))
        {
            if (!builder.Contains(shard))
            {
                builder.Add(shard);
            }
        }

        builder.Sort();
        return builder.ToImmutable();
    }

    private sealed record ShardsUnderMap(int ShardCount, ShardId[] Shards);
}
