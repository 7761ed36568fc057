using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;

namespace CrossShard.Storage;

/// <summary>Writes the little-endian fields of a frame payload into a span sized beforehand by <see cref="PayloadSize"/>.</summary>
internal ref struct PayloadWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    public PayloadWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _destination[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_destination[_position..], value);
        _position += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void WriteTxId(TxId tx)
    {
        tx.WriteTo(_destination[_position..]);
        _position += TxId.Size;
    }

    /// <summary><c>u16 byteLength | UTF-8 bytes</c>.</summary>
    public void WriteString(string value)
    {
        var length = PayloadSize.Utf8.GetBytes(value, _destination[(_position + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(_destination[_position..], checked((ushort)length));
        _position += 2 + length;
    }

    /// <summary><c>u16 count | count × i32</c>.</summary>
    public void WriteShards(ImmutableArray<ShardId> shards)
    {
        var items = shards.IsDefault ? [] : shards;
        WriteUInt16(checked((ushort)items.Length));
        foreach (var shard in items)
        {
            WriteInt32(shard.Value);
        }
    }

    /// <summary><c>u16 count | count × (u8 flags | u16 keyLen | key | i64 balance | i64 version)</c>; flags bit 0 = anchor.</summary>
    public void WriteWrites(ImmutableArray<KeyWrite> writes)
    {
        var items = writes.IsDefault ? [] : writes;
        WriteUInt16(checked((ushort)items.Length));
        foreach (var write in items)
        {
            WriteByte(write.IsAnchor ? (byte)1 : (byte)0);
            WriteString(write.Key);
            WriteInt64(write.State.Balance);
            WriteInt64(write.State.Version);
        }
    }

    /// <summary><c>u16 count | count × (u16 len | UTF-8)</c>.</summary>
    public void WriteStrings(ImmutableArray<string> values)
    {
        var items = values.IsDefault ? [] : values;
        WriteUInt16(checked((ushort)items.Length));
        foreach (var value in items)
        {
            WriteString(value);
        }
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[_position..]);
        _position += bytes.Length;
    }
}

/// <summary>Sizes of the payload fields <see cref="PayloadWriter"/> writes; they also enforce the field limits.</summary>
internal static class PayloadSize
{
    /// <summary>Strict UTF-8: a string that does not encode (lone surrogate) or bytes that do not decode are errors, never replaced.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int String(string value)
    {
        var length = Utf8.GetByteCount(value);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"a key or name of {length} UTF-8 bytes exceeds the {ushort.MaxValue}-byte limit of the record format");
        }

        return 2 + length;
    }

    public static int Shards(ImmutableArray<ShardId> shards) => 2 + (4 * CheckCount(shards.IsDefault ? 0 : shards.Length));

    public static int Writes(ImmutableArray<KeyWrite> writes)
    {
        var size = 2;
        if (!writes.IsDefault)
        {
            CheckCount(writes.Length);
            foreach (var write in writes)
            {
                size += 1 + String(write.Key) + 16;
            }
        }

        return size;
    }

    public static int Strings(ImmutableArray<string> values)
    {
        var size = 2;
        if (!values.IsDefault)
        {
            CheckCount(values.Length);
            foreach (var value in values)
            {
                size += String(value);
            }
        }

        return size;
    }

    private static int CheckCount(int count) =>
        count <= ushort.MaxValue ? count : throw new ArgumentException($"a list of {count} items exceeds the {ushort.MaxValue}-item limit of the record format");
}
