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

    /// <summary>
    /// <see cref="TransactionCodec.EncodedSize"/> once it has been computed, else 0. A plain int: threads that race
    /// compute the same value, and an int is written whole.
    /// </summary>
    internal int EncodedSizeCache { get; set; }

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
    public ReadOnlySpan<ShardId> OperationShards(ShardMap map) => Under(map).Shards;

    /// <summary>The distinct shards this transaction touches, in ascending order: its participants (computed with <see cref="OperationShards"/>).</summary>
    public ImmutableArray<ShardId> ParticipantsIn(ShardMap map) => Under(map).Participants;

    private ShardsUnderMap Under(ShardMap map)
    {
        // One immutable object holds the map size and what follows from it, so readers on other threads see a consistent set.
        if (Volatile.Read(ref _operationShards) is { } cached && cached.ShardCount == map.ShardCount)
        {
            return cached;
        }

        var shards = new ShardId[Operations.Length];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = Operations[i].ShardIn(map);
        }

        var under = new ShardsUnderMap(map.ShardCount, shards, Distinct(shards));
        Volatile.Write(ref _operationShards, under);
        return under;
    }

    private static ImmutableArray<ShardId> Distinct(ShardId[] shards)
    {
        var distinct = new ShardId[shards.Length];
        var count = 0;
        foreach (var shard in shards)
        {
            if (Array.IndexOf(distinct, shard, 0, count) < 0)
            {
                distinct[count++] = shard;
            }
        }

        Array.Sort(distinct, 0, count);
        return ImmutableArray.Create(distinct, 0, count);
    }

    private sealed record ShardsUnderMap(int ShardCount, ShardId[] Shards, ImmutableArray<ShardId> Participants);
}
