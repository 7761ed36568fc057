using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>Transcript hashing and the exact bytes each handshake signature covers.</summary>
/// <remarks>
/// Transcript hash: SHA3-256(<c>"crossshard/v1/handshake-transcript\0"</c> ‖ for each message so far:
/// u32 length ‖ bytes). Signed message: a role label (ASCII, NUL-terminated) ‖ transcript hash, under the FIPS
/// 204 context <see cref="SignatureContext.Handshake"/>. The labels differ, so neither side's signature can be
/// replayed as the other's even over an equal hash.
/// </remarks>
internal static class HandshakeSignatures
{
    private static ReadOnlySpan<byte> TranscriptTag => "crossshard/v1/handshake-transcript\0"u8;

    private static ReadOnlySpan<byte> ResponderLabel => "crossshard/v1/handshake/responder-signature\0"u8;

    private static ReadOnlySpan<byte> InitiatorLabel => "crossshard/v1/handshake/initiator-signature\0"u8;

    public static Hash256 Transcript(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var hasher = Sha3.CreateHasher();
        hasher.Append(TranscriptTag);
        AppendMessage(hasher, first);
        AppendMessage(hasher, second);
        return hasher.Finish();
    }

    public static Hash256 Transcript(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        var hasher = Sha3.CreateHasher();
        hasher.Append(TranscriptTag);
        AppendMessage(hasher, first);
        AppendMessage(hasher, second);
        AppendMessage(hasher, third);
        return hasher.Finish();
    }

    /// <summary>The bytes the responder signs: label ‖ SHA3-256 transcript of ClientHello and ServerHello body.</summary>
    public static byte[] ResponderPayload(Hash256 transcript) => Payload(ResponderLabel, transcript);

    /// <summary>The bytes the initiator signs: label ‖ SHA3-256 transcript of ClientHello and the whole ServerHello.</summary>
    public static byte[] InitiatorPayload(Hash256 transcript) => Payload(InitiatorLabel, transcript);

    /// <summary>Checks <paramref name="signature"/> over <paramref name="payload"/> by <paramref name="expectedKey"/>.</summary>
    /// <exception cref="HandshakeException"><see cref="HandshakeError.BadSignature"/>.</exception>
    public static void Verify(SignaturePublicKey expectedKey, ReadOnlySpan<byte> payload, Signature signature, string messageName)
    {
        // A signature of another algorithm than the manifest key is simply invalid (no algorithm downgrade).
        if (signature.Algorithm != expectedKey.Algorithm
            || !MlDsa.CreateVerifier(expectedKey).Verify(payload, signature, SignatureContext.Handshake))
        {
            throw new HandshakeException(HandshakeError.BadSignature, $"{messageName} signature does not verify under the manifest key {expectedKey}.");
        }
    }

    /// <summary>Reads an encoded signature (algorithm id u8 + FIPS 204 bytes) from the rest of a message.</summary>
    public static Signature Read(ref HandshakeReader reader, string messageName)
    {
        var id = reader.ReadByte();
        var algorithm = (SignatureAlgorithm)id;
        if (!SignatureAlgorithmInfo.IsDefined(algorithm))
        {
            throw new HandshakeException(HandshakeError.UnsupportedAlgorithm, $"{messageName} signature algorithm id {id} is unknown.");
        }

        return Signature.Create(algorithm, reader.ReadBytes(algorithm.GetSignatureSize()));
    }

    private static void AppendMessage(Sha3Hasher hasher, ReadOnlySpan<byte> message)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)message.Length);
        hasher.Append(length);
        hasher.Append(message);
    }

    private static byte[] Payload(ReadOnlySpan<byte> label, Hash256 transcript)
    {
        var payload = new byte[label.Length + Hash256.Size];
        label.CopyTo(payload);
        transcript.CopyTo(payload.AsSpan(label.Length));
        return payload;
    }
}
