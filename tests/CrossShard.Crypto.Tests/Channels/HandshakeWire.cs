using System.Buffers.Binary;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Channels;

/// <summary>Byte-level rewriting of handshake messages, as an attacker on the wire would do it (layouts from docs/handshake.md).</summary>
internal static class HandshakeWire
{
    public static int VersionCount(byte[] clientHello) => clientHello[2];

    public static int ResponderShardOffset(byte[] clientHello) => 39 + (2 * VersionCount(clientHello));

    public static int EphemeralKeyOffset(byte[] clientHello) => 108 + (2 * VersionCount(clientHello));

    public static byte[] WithOfferedVersions(byte[] clientHello, ushort[] versions)
    {
        var rest = clientHello.AsSpan(3 + (2 * VersionCount(clientHello)));
        var result = new byte[3 + (2 * versions.Length) + rest.Length];
        clientHello.AsSpan(0, 2).CopyTo(result);
        result[2] = (byte)versions.Length;
        for (var i = 0; i < versions.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(3 + (2 * i)), versions[i]);
        }

        rest.CopyTo(result.AsSpan(3 + (2 * versions.Length)));
        return result;
    }

    public static byte[] WithResponderShard(byte[] clientHello, int shardId)
    {
        var result = (byte[])clientHello.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(ResponderShardOffset(clientHello)), shardId);
        return result;
    }

    public static byte[] WithEphemeralKey(byte[] clientHello, ReadOnlySpan<byte> key)
    {
        var result = (byte[])clientHello.Clone();
        key.CopyTo(result.AsSpan(EphemeralKeyOffset(clientHello)));
        return result;
    }

    public static byte[] ClientFinish(Signature signature)
    {
        var result = new byte[2 + signature.EncodedLength];
        result[0] = HandshakeProtocol.ClientFinishType;
        result[1] = HandshakeProtocol.FormatVersion;
        signature.EncodeTo(result.AsSpan(2));
        return result;
    }
}
