using System.Buffers.Binary;
using System.Text;
using CrossShard.Core.Ids;
using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Wire;

namespace CrossShard.Transport.Security;

/// <summary>
/// The envelope layout (docs/wire.md), little-endian:
/// <c>u8 version(=1) | u8 n | n B cluster id (UTF-8) | i32 sender | i32 receiver | u64 epoch | u64 sequence | u16 count</c>
/// (the signed header), then <c>count × (u32 length | message)</c>, then <c>u32 length | set proof</c>, then
/// <c>u32 length | batch signature</c>. The envelope digest (<see cref="EnvelopeDigest"/>) hashes the header under
/// context "crossshard/v1/envelope" and each message under its kind's context. One signature covers a set of
/// envelopes the sender sealed together (one per receiver, usually): it signs the Merkle tree whose leaves are the
/// envelope digests (context "crossshard/v1/envelope-root"), and each envelope carries the proof of its own digest.
/// So every message is bound to its header, and its header to exactly one signature of the sender.
/// An unsigned envelope (signatures off, only for measuring what they cost) has an empty proof and an empty
/// signature (both lengths 0); a node that requires signatures refuses it.
/// </summary>
public static class EnvelopeCodec
{
    /// <summary>The envelope format version written by this code.</summary>
    public const byte Version = 2;

    /// <summary>The most messages in one envelope.</summary>
    public const int MaxMessages = 4096;

    /// <summary>The largest envelope accepted.</summary>
    public const int MaxEnvelopeSize = 16 * 1024 * 1024;

    /// <summary>Context of an envelope root as a leaf of the signed set.</summary>
    public static readonly SignatureContext EnvelopeRootContext = SignatureContext.FromString("crossshard/v1/envelope-root");

    /// <summary>Context of the header leaf.</summary>
    public static readonly SignatureContext HeaderContext = SignatureContext.FromString("crossshard/v1/envelope");

    /// <summary>The signature context of each message kind (domain separation).</summary>
    public static SignatureContext ContextOf(MessageKind kind) => kind switch
    {
        MessageKind.Prepare => SignatureContext.Prepare,
        MessageKind.Vote => SignatureContext.Vote,
        MessageKind.Decision => SignatureContext.Decision,
        MessageKind.Ack => SignatureContext.Ack,
        MessageKind.StatusQuery => SignatureContext.Status,
        MessageKind.PeerStatusQuery => PeerStatusContext,
        MessageKind.PeerDecision => PeerDecisionContext,
        _ => HeartbeatContext,
    };

    /// <summary>Context of cooperative-termination answers between participants.</summary>
    public static readonly SignatureContext PeerDecisionContext = SignatureContext.FromString("crossshard/v1/peer-decision");

    /// <summary>Context of cooperative-termination queries between participants.</summary>
    public static readonly SignatureContext PeerStatusContext = SignatureContext.FromString("crossshard/v1/peer-status");

    /// <summary>Context of heartbeat leaves.</summary>
    public static readonly SignatureContext HeartbeatContext = SignatureContext.FromString("crossshard/v1/heartbeat");

    /// <summary>Writes the signed header.</summary>
    public static byte[] EncodeHeader(EnvelopeHeader header)
    {
        var cluster = Encoding.UTF8.GetBytes(header.ClusterId);
        if (cluster.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException("the cluster id must be 1..255 UTF-8 bytes", nameof(header));
        }

        var bytes = new byte[2 + cluster.Length + 4 + 4 + 8 + 8 + 2];
        bytes[0] = Version;
        bytes[1] = (byte)cluster.Length;
        cluster.CopyTo(bytes, 2);
        var offset = 2 + cluster.Length;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), header.Sender.Value);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset + 4), header.Receiver.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset + 8), header.Epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset + 16), header.Sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset + 24), checked((ushort)header.Count));
        return bytes;
    }

    /// <summary>
    /// Signs <paramref name="envelopes"/> with one signature (the tree of their roots) and assembles each, in order.
    /// Each envelope's own header must already name its receiver and sequence number.
    /// </summary>
    public static byte[][] SignAll(ISigner signer, IReadOnlyList<UnsignedEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var roots = new BatchEntry[envelopes.Count];
        for (var i = 0; i < roots.Length; i++)
        {
            var e = envelopes[i];
            roots[i] = new BatchEntry(EnvelopeRootContext, EnvelopeDigest.Compute(e.Header, e.Messages, e.Contexts).ToArray());
        }

        var signed = BatchSigner.Sign(signer, roots);
        // One encoding of the signature (3.3 KB for ML-DSA-65) copied into every envelope of the round.
        var signature = signed.Signature.Encode();
        var assembled = new byte[roots.Length][];
        for (var i = 0; i < assembled.Length; i++)
        {
            assembled[i] = AssembleParts(envelopes[i].Header, envelopes[i].Messages, signed.GetProof(i).Encode(), signature);
        }

        return assembled;
    }

    /// <summary>Assembles an envelope from its parts.</summary>
    public static byte[] Assemble(byte[] headerBytes, IReadOnlyList<byte[]> messages, MerkleProof setProof, BatchSignature signature)
    {
        ArgumentNullException.ThrowIfNull(setProof);
        ArgumentNullException.ThrowIfNull(signature);
        return AssembleParts(headerBytes, messages, setProof.Encode(), signature.Encode());
    }

    /// <summary>
    /// Assembles an envelope without a signature: the same layout with an empty proof and an empty signature. Only a
    /// node started with signatures off accepts it.
    /// </summary>
    public static byte[] AssembleUnsigned(byte[] headerBytes, IReadOnlyList<byte[]> messages) => AssembleParts(headerBytes, messages, [], []);

    private static byte[] AssembleParts(byte[] headerBytes, IReadOnlyList<byte[]> messages, byte[] encodedProof, byte[] encodedSignature)
    {
        var size = headerBytes.Length + 4 + encodedProof.Length + 4 + encodedSignature.Length;
        foreach (var message in messages)
        {
            size += 4 + message.Length;
        }

        var bytes = new byte[size];
        headerBytes.CopyTo(bytes, 0);
        var offset = headerBytes.Length;
        foreach (var message in messages)
        {
            offset = WriteBlock(bytes, offset, message);
        }

        offset = WriteBlock(bytes, offset, encodedProof);
        WriteBlock(bytes, offset, encodedSignature);
        return bytes;
    }

    private static int WriteBlock(byte[] destination, int offset, byte[] block)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination.AsSpan(offset), (uint)block.Length);
        block.CopyTo(destination, offset + 4);
        return offset + 4 + block.Length;
    }

    /// <summary>Splits an envelope into its parts without verifying anything; a problem is returned, never thrown.</summary>
    public static EnvelopeRejection TryParse(byte[] envelope, out ParsedEnvelope parsed)
    {
        parsed = default!;
        if (envelope.Length > MaxEnvelopeSize)
        {
            return EnvelopeRejection.Oversized;
        }

        if (envelope.Length < 2)
        {
            return EnvelopeRejection.Malformed;
        }

        if (envelope[0] != Version)
        {
            return EnvelopeRejection.UnsupportedVersion;
        }

        int clusterLength = envelope[1];
        var headerLength = 2 + clusterLength + 26;
        if (clusterLength == 0 || envelope.Length < headerLength + 4)
        {
            return EnvelopeRejection.Malformed;
        }

        var span = envelope.AsSpan();
        var offset = 2 + clusterLength;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 24)..]);
        if (count is 0 or > MaxMessages)
        {
            return count == 0 ? EnvelopeRejection.Malformed : EnvelopeRejection.Oversized;
        }

        string cluster;
        try
        {
            cluster = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span.Slice(2, clusterLength));
        }
        catch (DecoderFallbackException)
        {
            return EnvelopeRejection.Malformed;
        }

        var header = new EnvelopeHeader(
            cluster,
            new ShardId(BinaryPrimitives.ReadInt32LittleEndian(span[offset..])),
            new ShardId(BinaryPrimitives.ReadInt32LittleEndian(span[(offset + 4)..])),
            BinaryPrimitives.ReadUInt64LittleEndian(span[(offset + 8)..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[(offset + 16)..]),
            count);

        var messages = new byte[count][];
        offset = headerLength;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadBlock(span, ref offset, MessageCodec.MaxMessageSize, out messages[i], out var oversized))
            {
                return oversized ? EnvelopeRejection.Oversized : EnvelopeRejection.Malformed;
            }
        }

        if (envelope.Length - offset == 8 && BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]) == 0)
        {
            // Both lengths 0: no proof, no signature. Whether that is acceptable is the opener's call.
            parsed = new ParsedEnvelope(header, envelope.AsSpan(0, headerLength).ToArray(), messages, null, null);
            return EnvelopeRejection.None;
        }

        if (!TryReadBlock(span, ref offset, MaxSetProofSize, out var proofBytes, out _)
            || !TryReadBlock(span, ref offset, 64 * 1024, out var signatureBytes, out _)
            || offset != envelope.Length)
        {
            return EnvelopeRejection.Malformed;
        }

        BatchSignature signature;
        MerkleProof setProof;
        try
        {
            setProof = MerkleProof.Decode(proofBytes);
            signature = BatchSignature.Decode(signatureBytes);
        }
        catch (Crypto.CryptoFormatException)
        {
            return EnvelopeRejection.Malformed;
        }

        parsed = new ParsedEnvelope(header, envelope.AsSpan(0, headerLength).ToArray(), messages, setProof, signature);
        return EnvelopeRejection.None;
    }

    // A proof header plus the longest path MerkleProof accepts.
    private const int MaxSetProofSize = 9 + (MerkleProof.MaxPathLength * Hash256.Size);

    private static bool TryReadBlock(ReadOnlySpan<byte> span, ref int offset, int limit, out byte[] block, out bool oversized)
    {
        block = [];
        oversized = false;
        if (span.Length - offset < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
        if (length > limit)
        {
            oversized = true;
            return false;
        }

        if (length == 0 || (uint)(span.Length - offset - 4) < length)
        {
            return false;
        }

        block = span.Slice(offset + 4, (int)length).ToArray();
        offset += 4 + (int)length;
        return true;
    }
}

/// <summary>An envelope split into its parts, not yet verified.</summary>
/// <param name="Header">The header fields.</param>
/// <param name="HeaderBytes">The header exactly as signed.</param>
/// <param name="Messages">The encoded messages.</param>
/// <param name="SetProof">Where this envelope's root sits in the set the signature covers; null when unsigned.</param>
/// <param name="Signature">The batch signature over the set; null when unsigned.</param>
public sealed record ParsedEnvelope(EnvelopeHeader Header, byte[] HeaderBytes, byte[][] Messages, MerkleProof? SetProof, BatchSignature? Signature);

/// <summary>An envelope ready to be signed: its header bytes, its encoded messages, and (tests only) contexts to sign the messages under instead of their kinds'.</summary>
/// <param name="Header">The encoded header (receiver and sequence set).</param>
/// <param name="Messages">The encoded messages.</param>
/// <param name="Contexts">One context per message; null uses each message kind's context.</param>
public sealed record UnsignedEnvelope(byte[] Header, IReadOnlyList<byte[]> Messages, IReadOnlyList<SignatureContext>? Contexts = null);
