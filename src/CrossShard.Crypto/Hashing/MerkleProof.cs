using System.Buffers.Binary;

namespace CrossShard.Crypto.Hashing;

/// <summary>An inclusion proof that one leaf sits at a given index of a Merkle tree of a given size.</summary>
/// <remarks>
/// Verification follows RFC 9162 §2.1.3.2, which binds both the index and the tree size: a path that does
/// not have exactly the shape of that (index, size) pair is rejected.
/// Wire layout (little-endian): u32 leaf index, u32 tree size, u8 path length n, n × 32-byte hashes.
/// </remarks>
public sealed class MerkleProof
{
    /// <summary>Longest path a proof may carry: a tree of at most 2^31 - 1 leaves is at most 31 levels deep.</summary>
    public const int MaxPathLength = 31;

    private const int HeaderSize = 9;

    private readonly Hash256[] _path;

    /// <summary>Creates a proof from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Index or size out of range, or the path is too long.</exception>
    public MerkleProof(int leafIndex, int treeSize, IEnumerable<Hash256> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(treeSize);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        _path = [.. path];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_path.Length, MaxPathLength, nameof(path));
        LeafIndex = leafIndex;
        TreeSize = treeSize;
    }

    /// <summary>Zero-based index of the leaf.</summary>
    public int LeafIndex { get; }

    /// <summary>Number of leaves in the tree.</summary>
    public int TreeSize { get; }

    /// <summary>Sibling hashes from the leaf level upwards.</summary>
    public IReadOnlyList<Hash256> Path => _path;

    /// <summary>Length of <see cref="Encode"/>'s output.</summary>
    public int EncodedLength => HeaderSize + (_path.Length * Hash256.Size);

    /// <summary>Whether <paramref name="leafData"/> (unhashed) is leaf <see cref="LeafIndex"/> under <paramref name="root"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> leafData, Hash256 root) => VerifyLeafHash(MerkleTree.HashLeaf(leafData), root);

    /// <summary>Whether a leaf with hash <paramref name="leafHash"/> is leaf <see cref="LeafIndex"/> under <paramref name="root"/>.</summary>
    public bool VerifyLeafHash(Hash256 leafHash, Hash256 root) =>
        TryComputeRoot(leafHash, out var computed) && computed == root;

    /// <summary>Recomputes the root from a leaf hash; false when the path does not fit (index, size).</summary>
    public bool TryComputeRoot(Hash256 leafHash, out Hash256 root)
    {
        // RFC 9162 §2.1.3.2, with fn = index and sn = last index.
        var fn = (uint)LeafIndex;
        var sn = (uint)(TreeSize - 1);
        var r = leafHash;
        foreach (var p in _path)
        {
            if (sn == 0)
            {
                root = default;
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.HashNode(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleTree.HashNode(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        root = r;
        return sn == 0;
    }

    /// <summary>The wire encoding described in the type remarks.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)LeafIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)TreeSize);
        bytes[8] = (byte)_path.Length;
        for (var i = 0; i < _path.Length; i++)
        {
            _path[i].CopyTo(bytes.AsSpan(HeaderSize + (i * Hash256.Size)));
        }

        return bytes;
    }

    /// <summary>Parses the wire encoding; the input must be exactly one proof.</summary>
    /// <exception cref="CryptoFormatException">Malformed or wrong length.</exception>
    public static MerkleProof Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, "Merkle proof is shorter than its header.");
        }

        var index = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        int count = bytes[8];
        if (size == 0 || size > int.MaxValue || index >= size || count > MaxPathLength)
        {
            throw new CryptoFormatException(CryptoFormatError.Malformed, "Merkle proof header is out of range.");
        }

        if (bytes.Length != HeaderSize + (count * Hash256.Size))
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, "Merkle proof length does not match its path length.");
        }

        var path = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            path[i] = Hash256.FromBytes(bytes.Slice(HeaderSize + (i * Hash256.Size), Hash256.Size));
        }

        return new MerkleProof((int)index, (int)size, path);
    }
}
