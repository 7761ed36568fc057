using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;

namespace CrossShard.Storage;

/// <summary>Reads the fields <see cref="PayloadWriter"/> wrote; any field that runs past the payload or does not decode is <see cref="StoreError.Corrupt"/>.</summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly string _location;
    private readonly RecordType _type;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> payload, RecordType type, string location)
    {
        _payload = payload;
        _type = type;
        _location = location;
        _position = 0;
    }

    public readonly int Remaining => _payload.Length - _position;

    public byte ReadByte(string field) => Take(1, field)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public TxId ReadTxId(string field) => TxId.FromBytes(Take(TxId.Size, field));

    public ReadOnlySpan<byte> ReadBytes(int count, string field) => Take(count, field);

    public string ReadString(string field)
    {
        int length = ReadUInt16(field);
        var bytes = Take(length, field);
        try
        {
            return PayloadSize.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Corrupt($"{field} is not valid UTF-8", e);
        }
    }

    public ImmutableArray<ShardId> ReadShards(string field)
    {
        int count = ReadUInt16(field);
        var builder = ImmutableArray.CreateBuilder<ShardId>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(new ShardId(ReadInt32(field)));
        }

        return builder.MoveToImmutable();
    }

    public ImmutableArray<KeyWrite> ReadWrites(string field)
    {
        int count = ReadUInt16(field);
        var builder = ImmutableArray.CreateBuilder<KeyWrite>(count);
        for (var i = 0; i < count; i++)
        {
            var flags = ReadByte(field);
            if (flags > 1)
            {
                throw Corrupt($"{field}[{i}] has unknown flags 0x{flags:x2}");
            }

            var key = ReadString(field);
            var balance = ReadInt64(field);
            var version = ReadInt64(field);
            builder.Add(new KeyWrite(key, flags == 1, new AccountState(balance, version)));
        }

        return builder.MoveToImmutable();
    }

    public ImmutableArray<string> ReadStrings(string field)
    {
        int count = ReadUInt16(field);
        var builder = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(ReadString(field));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Throws unless every payload byte was consumed.</summary>
    public readonly void End()
    {
        if (Remaining != 0)
        {
            throw Corrupt($"{Remaining} bytes left after the last field");
        }
    }

    public readonly StoreException Corrupt(string what, Exception? inner = null) =>
        new(StoreError.Corrupt, _location, $"{_type} record payload is corrupt: {what}", inner);

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (Remaining < count)
        {
            throw Corrupt($"{field} needs {count} bytes at offset {_position} but only {Remaining} remain");
        }

        var slice = _payload.Slice(_position, count);
        _position += count;
        return slice;
    }
}
