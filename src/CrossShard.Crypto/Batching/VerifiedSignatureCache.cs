using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Batching;

/// <summary>A bounded, thread-safe LRU record of batch signatures that already verified.</summary>
/// <remarks>
/// Keyed by (public key fingerprint, root). A hit also requires the same leaf count and the same signature
/// bytes (by SHA3-256 digest): a valid signature seen once must not let a corrupted copy of it through, so every
/// accepted message still carries one valid signature. Only successful verifications are recorded, so a
/// flood of bad signatures cannot evict good entries faster than good traffic adds them back.
/// </remarks>
public sealed class VerifiedSignatureCache
{
    /// <summary>Capacity used when none is given.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<CacheKey, LinkedListNode<Entry>> _map;
    private readonly LinkedList<Entry> _lru = new();
    private long _hits;
    private long _misses;

    /// <summary>Creates an empty cache holding at most <paramref name="capacity"/> entries (default 4096).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Capacity is not positive.</exception>
    public VerifiedSignatureCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _map = new Dictionary<CacheKey, LinkedListNode<Entry>>(Math.Min(capacity, 1024));
    }

    /// <summary>Maximum number of entries.</summary>
    public int Capacity { get; }

    /// <summary>Current number of entries.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>Lookups that skipped a verification.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that found nothing usable.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Removes every entry, e.g. when a node's key is revoked.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _map.Clear();
            _lru.Clear();
        }
    }

    internal bool Contains(Hash256 publicKey, Hash256 root, int leafCount, Hash256 signatureDigest)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(new CacheKey(publicKey, root), out var node)
                && node.Value.LeafCount == leafCount
                && node.Value.SignatureDigest == signatureDigest)
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                return true;
            }

            _misses++;
            return false;
        }
    }

    internal void Add(Hash256 publicKey, Hash256 root, int leafCount, Hash256 signatureDigest)
    {
        var key = new CacheKey(publicKey, root);
        lock (_lock)
        {
            if (_map.Remove(key, out var existing))
            {
                _lru.Remove(existing);
            }
            else if (_map.Count >= Capacity)
            {
                var oldest = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }

            _map[key] = _lru.AddFirst(new Entry(key, leafCount, signatureDigest));
        }
    }

    private readonly record struct CacheKey(Hash256 PublicKey, Hash256 Root);

    private sealed record Entry(CacheKey Key, int LeafCount, Hash256 SignatureDigest);
}
