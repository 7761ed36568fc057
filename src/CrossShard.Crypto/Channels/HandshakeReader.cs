using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Channels;

/// <summary>Bounds-checked little-endian reader over an untrusted handshake message.</summary>
/// <remarks>Every overrun is a <see cref="HandshakeError.Truncated"/>, never an index exception.</remarks>
internal ref struct HandshakeReader(ReadOnlySpan<byte> data, string messageName)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private readonly string _messageName = messageName;
    private int _offset;

    public readonly int Remaining => _data.Length - _offset;

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > Remaining)
        {
            throw new HandshakeException(
                HandshakeError.Truncated,
                $"{_messageName} is truncated: needed {count} more bytes at offset {_offset}, {Remaining} left.");
        }

        var slice = _data.Slice(_offset, count);
        _offset += count;
        return slice;
    }

    public byte ReadByte() => ReadBytes(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public Hash256 ReadHash() => Hash256.FromBytes(ReadBytes(Hash256.Size));

    public int ReadShardId(string field)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));
        return value >= 0
            ? value
            : throw new HandshakeException(HandshakeError.Malformed, $"{_messageName} {field} is negative ({value}).");
    }

    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new HandshakeException(HandshakeError.Oversized, $"{_messageName} has {Remaining} trailing bytes.");
        }
    }

    /// <summary>Reads and checks the type and format bytes every handshake message starts with.</summary>
    public void ReadHeader(byte expectedType)
    {
        var type = ReadByte();
        if (type != expectedType)
        {
            throw new HandshakeException(HandshakeError.UnexpectedMessage, $"Expected {_messageName} (type {expectedType}); got type {type}.");
        }

        var format = ReadByte();
        if (format != HandshakeProtocol.FormatVersion)
        {
            throw new HandshakeException(
                HandshakeError.UnsupportedVersion,
                $"{_messageName} uses handshake format {format}; this build reads format {HandshakeProtocol.FormatVersion}.");
        }
    }
}
