using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>Third handshake message, initiator → responder: the initiator's transcript signature.</summary>
/// <remarks>Layout: type u8 = 3 | format u8 = 1 | signature (algorithm id u8 + FIPS 204 signature).</remarks>
internal static class ClientFinish
{
    private static readonly int MaxSize = 2 + 1 + SignatureAlgorithm.MlDsa87.GetSignatureSize();

    public static Signature Parse(ReadOnlySpan<byte> message)
    {
        // Type and format first, so a message of another kind or a future format is reported as such.
        var reader = new HandshakeReader(message, "ClientFinish");
        reader.ReadHeader(HandshakeProtocol.ClientFinishType);

        if (message.Length > MaxSize)
        {
            throw new HandshakeException(HandshakeError.Oversized, $"ClientFinish is {message.Length} bytes; at most {MaxSize} are allowed.");
        }

        var signature = HandshakeSignatures.Read(ref reader, "ClientFinish");
        reader.EnsureEnd();
        return signature;
    }

    public static byte[] Encode(Signature signature)
    {
        var message = new byte[2 + signature.EncodedLength];
        message[0] = HandshakeProtocol.ClientFinishType;
        message[1] = HandshakeProtocol.FormatVersion;
        signature.EncodeTo(message.AsSpan(2));
        return message;
    }
}
