using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CrossShard.Core.Ids;

namespace CrossShard.Core.Transactions;

/// <summary>
/// The account-to-shard rule every node computes the same way:
/// shard = first 8 bytes (little-endian) of SHA3-256("crossshard/account/v1/" || UTF-8 id) mod shard count.
/// </summary>
public sealed class ShardMap
{
    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("crossshard/account/v1/");

    /// <summary>Creates the rule for a cluster of <paramref name="shardCount"/> shards numbered 0..count-1.</summary>
    public ShardMap(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardCount, MaxShards);
        ShardCount = shardCount;
    }

    /// <summary>The largest cluster supported.</summary>
    public const int MaxShards = 1024;

    /// <summary>Number of shards in the cluster.</summary>
    public int ShardCount { get; }

    /// <summary>True when <paramref name="shard"/> exists in this cluster.</summary>
    public bool Contains(ShardId shard) => shard.Value >= 0 && shard.Value < ShardCount;

    /// <summary>The shard that owns <paramref name="account"/>.</summary>
    public ShardId ShardOf(AccountId account) => ShardOf(account.Value);

    /// <summary>The shard that owns the account named <paramref name="accountKey"/>.</summary>
    public ShardId ShardOf(string accountKey)
    {
        var maxBytes = Domain.Length + Encoding.UTF8.GetMaxByteCount(accountKey.Length);
        Span<byte> input = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        Domain.CopyTo(input);
        var length = Domain.Length + Encoding.UTF8.GetBytes(accountKey, input[Domain.Length..]);
        Span<byte> hash = stackalloc byte[32];
        SHA3_256.HashData(input[..length], hash);
        var word = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        return new ShardId((int)(word % (ulong)ShardCount));
    }
}
