using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Kem;

namespace CrossShard.Crypto.Channels;

/// <summary>First handshake message, initiator → responder: who is calling whom, in which cluster, and the ephemeral KEM key.</summary>
/// <remarks>
/// Layout (little-endian): type u8 = 1 | format u8 = 1 | n u8 (1..8) | n × version u16 | cluster id 32 |
/// initiator shard i32 | responder shard i32 | nonce 32 | initiator key fingerprint 32 | KEM id u8 = 2 |
/// ML-KEM-768 encapsulation key 1184. 1292 + 2n bytes.
/// </remarks>
internal sealed class ClientHello
{
    public required IReadOnlyList<ushort> OfferedVersions { get; init; }

    public required Hash256 ClusterId { get; init; }

    public required int InitiatorShardId { get; init; }

    public required int ResponderShardId { get; init; }

    public required byte[] Nonce { get; init; }

    public required Hash256 InitiatorKeyFingerprint { get; init; }

    public required KemPublicKey EphemeralKey { get; init; }

    public static ClientHello Parse(ReadOnlySpan<byte> message)
    {
        // Type and format first, so a message of another kind or a future format is reported as such.
        var reader = new HandshakeReader(message, "ClientHello");
        reader.ReadHeader(HandshakeProtocol.ClientHelloType);

        if (message.Length > HandshakeProtocol.MaxClientHelloSize)
        {
            throw new HandshakeException(
                HandshakeError.Oversized,
                $"ClientHello is {message.Length} bytes; at most {HandshakeProtocol.MaxClientHelloSize} are allowed.");
        }

        var count = reader.ReadByte();
        if (count is 0 or > HandshakeOptions.MaxOfferedVersions)
        {
            throw new HandshakeException(HandshakeError.Malformed, $"ClientHello offers {count} versions; 1..{HandshakeOptions.MaxOfferedVersions} are allowed.");
        }

        var versions = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            versions[i] = reader.ReadUInt16();
        }

        if (versions.Contains((ushort)0) || versions.Distinct().Count() != versions.Length)
        {
            throw new HandshakeException(HandshakeError.Malformed, "ClientHello offers a zero or duplicate version.");
        }

        var clusterId = reader.ReadHash();
        var initiator = reader.ReadShardId("initiator shard id");
        var responder = reader.ReadShardId("responder shard id");
        var nonce = reader.ReadBytes(HandshakeProtocol.NonceSize).ToArray();
        var fingerprint = reader.ReadHash();
        var kemId = reader.ReadByte();
        if (kemId != (byte)HandshakeProtocol.Kem)
        {
            throw new HandshakeException(HandshakeError.UnsupportedAlgorithm, $"ClientHello KEM id {kemId}; only ML-KEM-768 ({(byte)HandshakeProtocol.Kem}) is accepted.");
        }

        var keyBytes = reader.ReadBytes(HandshakeProtocol.Kem.GetEncapsulationKeySize());
        reader.EnsureEnd();
        KemPublicKey key;
        try
        {
            key = KemPublicKey.Create(HandshakeProtocol.Kem, keyBytes);
        }
        catch (CryptoFormatException e)
        {
            throw new HandshakeException(HandshakeError.Malformed, "ClientHello encapsulation key is invalid: " + e.Message, e);
        }

        return new ClientHello
        {
            OfferedVersions = versions,
            ClusterId = clusterId,
            InitiatorShardId = initiator,
            ResponderShardId = responder,
            Nonce = nonce,
            InitiatorKeyFingerprint = fingerprint,
            EphemeralKey = key,
        };
    }

    public byte[] Encode()
    {
        var message = new byte[HandshakeProtocol.ClientHelloFixedSize + (2 * OfferedVersions.Count)];
        var span = message.AsSpan();
        span[0] = HandshakeProtocol.ClientHelloType;
        span[1] = HandshakeProtocol.FormatVersion;
        span[2] = checked((byte)OfferedVersions.Count);
        span = span[3..];
        foreach (var version in OfferedVersions)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, version);
            span = span[2..];
        }

        ClusterId.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], InitiatorShardId);
        BinaryPrimitives.WriteInt32LittleEndian(span[36..], ResponderShardId);
        Nonce.CopyTo(span[40..]);
        InitiatorKeyFingerprint.CopyTo(span[72..]);
        span[104] = (byte)EphemeralKey.Algorithm;
        EphemeralKey.KeyBytes.CopyTo(span[105..]);
        return message;
    }
}
