using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Kem;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>Second handshake message, responder → initiator: chosen version, KEM ciphertext and the responder's transcript signature.</summary>
/// <remarks>
/// Layout (little-endian): type u8 = 2 | format u8 = 1 | selected version u16 | nonce 32 | responder key
/// fingerprint 32 | ML-KEM-768 ciphertext 1088 | signature (algorithm id u8 + FIPS 204 signature). The first
/// 1156 bytes are the body the signature covers (through the transcript hash).
/// </remarks>
internal sealed class ServerHello
{
    private static readonly int MaxSize = HandshakeProtocol.ServerHelloBodySize + 1 + SignatureAlgorithm.MlDsa87.GetSignatureSize();

    public required ushort SelectedVersion { get; init; }

    public required byte[] Nonce { get; init; }

    public required Hash256 ResponderKeyFingerprint { get; init; }

    public required byte[] Ciphertext { get; init; }

    public static (ServerHello Body, Signature Signature) Parse(ReadOnlySpan<byte> message)
    {
        // Type and format first, so a message of another kind or a future format is reported as such.
        var reader = new HandshakeReader(message, "ServerHello");
        reader.ReadHeader(HandshakeProtocol.ServerHelloType);

        if (message.Length > MaxSize)
        {
            throw new HandshakeException(HandshakeError.Oversized, $"ServerHello is {message.Length} bytes; at most {MaxSize} are allowed.");
        }

        var version = reader.ReadUInt16();
        var nonce = reader.ReadBytes(HandshakeProtocol.NonceSize).ToArray();
        var fingerprint = reader.ReadHash();
        var ciphertext = reader.ReadBytes(HandshakeProtocol.Kem.GetCiphertextSize()).ToArray();
        var signature = HandshakeSignatures.Read(ref reader, "ServerHello");
        reader.EnsureEnd();
        var body = new ServerHello
        {
            SelectedVersion = version,
            Nonce = nonce,
            ResponderKeyFingerprint = fingerprint,
            Ciphertext = ciphertext,
        };
        return (body, signature);
    }

    /// <summary>The signed body: everything but the trailing signature.</summary>
    public byte[] EncodeBody()
    {
        var body = new byte[HandshakeProtocol.ServerHelloBodySize];
        body[0] = HandshakeProtocol.ServerHelloType;
        body[1] = HandshakeProtocol.FormatVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), SelectedVersion);
        Nonce.CopyTo(body, 4);
        ResponderKeyFingerprint.CopyTo(body.AsSpan(36));
        Ciphertext.CopyTo(body, 68);
        return body;
    }

    /// <summary>The full message: <paramref name="body"/> followed by the encoded signature.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> body, Signature signature)
    {
        var message = new byte[body.Length + signature.EncodedLength];
        body.CopyTo(message);
        signature.EncodeTo(message.AsSpan(body.Length));
        return message;
    }
}
