using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Batching;

/// <summary>One ML-DSA signature covering a whole batch: the Merkle root, the leaf count and the signature.</summary>
/// <remarks>
/// The signed message is root (32 bytes) || leaf count (u32 little-endian), under
/// <see cref="SignatureContext.Batch"/>; binding the count stops a proof from claiming another tree size.
/// Wire layout: root (32), u32 leaf count, encoded <see cref="Signing.Signature"/> (algorithm id + bytes).
/// </remarks>
public sealed class BatchSignature
{
    /// <summary>Length of the signed payload (root + count).</summary>
    internal const int PayloadSize = Hash256.Size + sizeof(uint);

    /// <summary>Creates a batch signature from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The leaf count is not positive.</exception>
    public BatchSignature(Hash256 root, int leafCount, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(leafCount);
        Root = root;
        LeafCount = leafCount;
        Signature = signature;
    }

    /// <summary>Merkle root of the batch's leaves.</summary>
    public Hash256 Root { get; }

    /// <summary>Number of messages in the batch.</summary>
    public int LeafCount { get; }

    /// <summary>Signature over <see cref="Root"/> and <see cref="LeafCount"/>.</summary>
    public Signature Signature { get; }

    /// <summary>SHA3-256 of the signature bytes, the cache's proof that a hit is the very signature that verified.</summary>
    /// <remarks>Computed on first use, once per instance: only a verifier with a cache needs it.</remarks>
    internal Hash256 SignatureDigest => _signatureDigest ??= Sha3.Hash(Signature.Value);

    private Hash256? _signatureDigest;

    /// <summary>The wire encoding described in the type remarks.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[PayloadSize + Signature.EncodedLength];
        WritePayload(Root, LeafCount, bytes);
        Signature.EncodeTo(bytes.AsSpan(PayloadSize));
        return bytes;
    }

    /// <summary>Parses the wire encoding; the input must be exactly one batch signature.</summary>
    /// <exception cref="CryptoFormatException">Malformed, unknown algorithm, or wrong length.</exception>
    public static BatchSignature Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= PayloadSize)
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, "Batch signature is too short.");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes[Hash256.Size..]);
        if (count == 0 || count > int.MaxValue)
        {
            throw new CryptoFormatException(CryptoFormatError.Malformed, "Batch leaf count is out of range.");
        }

        return new BatchSignature(Hash256.FromBytes(bytes[..Hash256.Size]), (int)count, Signature.Decode(bytes[PayloadSize..]));
    }

    /// <summary>Writes the signed payload root || u32 LE count.</summary>
    internal static void WritePayload(Hash256 root, int leafCount, Span<byte> destination)
    {
        root.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[Hash256.Size..], checked((uint)leafCount));
    }
}
