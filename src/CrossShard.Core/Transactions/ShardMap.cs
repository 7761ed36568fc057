using System.Buffers.Binary;
using System.Collections.Concurrent;
using CrossShard.Core.Hashing;
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

    // Every role asks for the shard of the same accounts again and again (each decoded Prepare is a new transaction
    // object), and a SHA3-256 costs far more than a lookup. Bounded: past the limit, accounts are hashed every time.
    private readonly ConcurrentDictionary<string, ShardId> _known = new(StringComparer.Ordinal);
    private readonly int _cacheLimit;
    private int _cached;

    /// <summary>Creates the rule for a cluster of <paramref name="shardCount"/> shards numbered 0..count-1.</summary>
    /// <param name="shardCount">Number of shards.</param>
    /// <param name="cacheLimit">How many accounts' shards to remember (0 remembers none).</param>
    public ShardMap(int shardCount, int cacheLimit = DefaultCacheLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardCount, MaxShards);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheLimit);
        ShardCount = shardCount;
        _cacheLimit = cacheLimit;
    }

    /// <summary>How many accounts a map remembers by default (about 10 MB of entries at most).</summary>
    public const int DefaultCacheLimit = 131_072;

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
        if (_known.TryGetValue(accountKey, out var known))
        {
            return known;
        }

        var shard = Compute(accountKey);
        // A counter rather than the dictionary's Count, which takes every bucket lock on each miss.
        if (Volatile.Read(ref _cached) < _cacheLimit && _known.TryAdd(accountKey, shard))
        {
            Interlocked.Increment(ref _cached);
        }

        return shard;
    }

    private ShardId Compute(string accountKey)
    {
        var maxBytes = Domain.Length + Encoding.UTF8.GetMaxByteCount(accountKey.Length);
        Span<byte> input = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        Domain.CopyTo(input);
        var length = Domain.Length + Encoding.UTF8.GetBytes(accountKey, input[Domain.Length..]);
        Span<byte> hash = stackalloc byte[32];
        Sha3Sponge.HashData(input[..length], hash);
        var word = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        return new ShardId((int)(word % (ulong)ShardCount));
    }
}
