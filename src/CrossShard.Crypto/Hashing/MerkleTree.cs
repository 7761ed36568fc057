namespace CrossShard.Crypto.Hashing;

/// <summary>A SHA3-256 Merkle tree with RFC 9162 shape and domain-separated leaf and node hashes.</summary>
/// <remarks>
/// Leaf hash = SHA3-256(0x00 || data), node hash = SHA3-256(0x01 || left || right). The distinct prefixes stop
/// an inner node from being passed off as a leaf (second-preimage attack). An odd node at the end of a level is
/// promoted unchanged rather than paired with a copy of itself, which avoids Bitcoin's duplicate-leaf ambiguity
/// (CVE-2012-2459) and yields exactly the RFC 9162 §2.1.1 tree, so proofs follow RFC 9162 §2.1.3.
/// Immutable once built; safe to share between threads.
/// </remarks>
public sealed class MerkleTree
{
    /// <summary>Prefix byte of a leaf hash input.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>Prefix byte of an inner node hash input.</summary>
    public const byte NodePrefix = 0x01;

    // _levels[0] holds the leaf hashes, the last level holds the root alone.
    private readonly Hash256[][] _levels;

    private MerkleTree(Hash256[][] levels)
    {
        _levels = levels;
    }

    /// <summary>The root hash.</summary>
    public Hash256 Root => _levels[^1][0];

    /// <summary>Number of leaves.</summary>
    public int Count => _levels[0].Length;

    /// <summary>The hash of leaf <paramref name="index"/>.</summary>
    public Hash256 GetLeafHash(int index) => _levels[0][index];

    /// <summary>Builds a tree over raw leaf data (each leaf is hashed with the leaf prefix).</summary>
    /// <exception cref="ArgumentException">No leaves.</exception>
    public static MerkleTree Build(IReadOnlyList<ReadOnlyMemory<byte>> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var hashes = new Hash256[leaves.Count];
        var hasher = Sha3.CreateHasher();
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = HashLeaf(hasher, leaves[i].Span);
        }

        return FromLeafHashes(hashes);
    }

    /// <summary>Builds a tree over leaf hashes already computed with <see cref="HashLeaf(ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="ArgumentException">No leaves.</exception>
    public static MerkleTree FromLeafHashes(ReadOnlySpan<Hash256> leafHashes)
    {
        if (leafHashes.IsEmpty)
        {
            throw new ArgumentException("A Merkle tree needs at least one leaf.", nameof(leafHashes));
        }

        var levels = new List<Hash256[]> { leafHashes.ToArray() };
        while (levels[^1].Length > 1)
        {
            var below = levels[^1];
            var above = new Hash256[(below.Length + 1) / 2];
            for (var i = 0; i < above.Length; i++)
            {
                var left = 2 * i;
                above[i] = left + 1 < below.Length ? HashNode(below[left], below[left + 1]) : below[left];
            }

            levels.Add(above);
        }

        return new MerkleTree([.. levels]);
    }

    /// <summary>The inclusion proof (audit path) for leaf <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the tree.</exception>
    public MerkleProof GetProof(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);

        var path = new List<Hash256>();
        var position = index;
        for (var level = 0; level < _levels.Length - 1; level++)
        {
            var sibling = position ^ 1;
            if (sibling < _levels[level].Length)
            {
                path.Add(_levels[level][sibling]);
            }

            position >>= 1;
        }

        return new MerkleProof(index, Count, path);
    }

    /// <summary>SHA3-256(0x00 || <paramref name="data"/>).</summary>
    public static Hash256 HashLeaf(ReadOnlySpan<byte> data)
    {
        var hasher = Sha3.CreateHasher();
        return HashLeaf(hasher, data);
    }

    /// <summary>SHA3-256(0x01 || <paramref name="left"/> || <paramref name="right"/>).</summary>
    public static Hash256 HashNode(Hash256 left, Hash256 right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Hash256.Size)];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Hash256.Size)..]);
        return Sha3.Hash(input);
    }

    private static Hash256 HashLeaf(Sha3Hasher hasher, ReadOnlySpan<byte> data)
    {
        hasher.Append(LeafPrefix);
        hasher.Append(data);
        return hasher.Finish();
    }
}
