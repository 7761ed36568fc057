using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using CrossShard.Core.Effects;
using CrossShard.Core.Transactions;

namespace CrossShard.Storage;

/// <summary>
/// The binary encoding of write-ahead log records and of every other value the store keeps. Each value is one frame,
/// all integers little-endian:
/// <c>u8 formatVersion | u8 recordType | u32 payloadLength | payload | 8-byte checksum</c>,
/// where the checksum covers everything before it: XXH3-64 (little-endian) from format version 2 on, the first 8 bytes
/// of SHA3-256 in version 1 (still read). The header is fixed for every format version; <c>formatVersion</c> picks the
/// checksum and governs the payload layouts (docs/storage.md lists them byte by byte).
/// </summary>
public static class RecordCodec
{
    /// <summary>The frame format version this build writes and the newest it reads.</summary>
    public const byte FormatVersion = 2;

    /// <summary>The first format version with an XXH3-64 checksum; earlier frames carry truncated SHA3-256.</summary>
    public const byte FirstXxh3Version = 2;

    /// <summary>Bytes before the payload: version, type, payload length.</summary>
    public const int HeaderSize = 1 + 1 + 4;

    /// <summary>Bytes of the trailing checksum.</summary>
    public const int ChecksumSize = 8;

    /// <summary>The largest payload a frame may declare; a larger length field is corruption, not a record.</summary>
    public const int MaxPayloadLength = 64 * 1024 * 1024;

    /// <summary>The location named in errors when the caller gives none.</summary>
    private const string DefaultLocation = "record";

    /// <summary>Size in bytes of the frame <see cref="Encode(LogRecord)"/> produces for <paramref name="record"/>.</summary>
    public static int GetEncodedLength(LogRecord record) => checked(HeaderSize + PayloadLength(record) + ChecksumSize);

    /// <summary>The frame of <paramref name="record"/> as a new array.</summary>
    /// <exception cref="ArgumentException">A field exceeds the format's limits (65,535 list items or key bytes) or a string is not valid UTF-16.</exception>
    public static byte[] Encode(LogRecord record)
    {
        var frame = new byte[GetEncodedLength(record)];
        Encode(record, frame);
        return frame;
    }

    /// <summary>Writes the frame of <paramref name="record"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException">A field exceeds the format's limits, or <paramref name="destination"/> is too small.</exception>
    public static int Encode(LogRecord record, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        var payloadLength = PayloadLength(record);
        var length = HeaderSize + payloadLength + ChecksumSize;
        if (destination.Length < length)
        {
            throw new ArgumentException($"the frame needs {length} bytes, the destination has {destination.Length}", nameof(destination));
        }

        var writer = new PayloadWriter(BeginFrame(destination, TypeOf(record), payloadLength));
        switch (record)
        {
            case PreparedRecord prepared:
                writer.WriteTxId(prepared.Tx);
                writer.WriteInt32(prepared.Coordinator.Value);
                writer.WriteShards(prepared.Participants);
                writer.WriteInt64(prepared.Priority);
                writer.WriteWrites(prepared.Writes);
                writer.WriteStrings(prepared.LockKeys);
                break;
            case CommittedRecord committed:
                writer.WriteTxId(committed.Tx);
                writer.WriteWrites(committed.Writes);
                break;
            case CommitDecisionRecord commit:
                writer.WriteTxId(commit.Tx);
                writer.WriteShards(commit.Participants);
                var transaction = TransactionCodec.Encode(commit.Transaction);
                writer.WriteUInt32((uint)transaction.Length);
                writer.WriteBytes(transaction);
                break;
            default:
                writer.WriteTxId(record.Tx);
                break;
        }

        return SealFrame(destination, writer.Position);
    }

    /// <summary>Decodes a frame written by <see cref="Encode(LogRecord)"/>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.Truncated"/>, <see cref="StoreError.Corrupt"/> or <see cref="StoreError.NewerFormat"/>, naming what is wrong.</exception>
    public static LogRecord Decode(ReadOnlySpan<byte> frame) => Decode(frame, DefaultLocation);

    /// <summary>Decodes a frame; errors name <paramref name="location"/> (the file, column family and key it came from).</summary>
    /// <exception cref="StoreException"><see cref="StoreError.Truncated"/>, <see cref="StoreError.Corrupt"/> or <see cref="StoreError.NewerFormat"/>, naming what is wrong.</exception>
    public static LogRecord Decode(ReadOnlySpan<byte> frame, string location)
    {
        var payload = OpenFrame(frame, location, out var type);
        var reader = new PayloadReader(payload, type, location);
        LogRecord record;
        switch (type)
        {
            case RecordType.Prepared:
                record = new PreparedRecord(
                    reader.ReadTxId("tx id"),
                    new(reader.ReadInt32("coordinator")),
                    reader.ReadShards("participants"),
                    reader.ReadInt64("priority"),
                    reader.ReadWrites("writes"),
                    reader.ReadStrings("lock keys"));
                break;
            case RecordType.Committed:
                record = new CommittedRecord(reader.ReadTxId("tx id"), reader.ReadWrites("writes"));
                break;
            case RecordType.Aborted:
                record = new AbortedRecord(reader.ReadTxId("tx id"));
                break;
            case RecordType.CommitDecision:
                var tx = reader.ReadTxId("tx id");
                var participants = reader.ReadShards("participants");
                var length = reader.ReadUInt32("transaction length");
                if (length > (uint)reader.Remaining)
                {
                    throw reader.Corrupt($"transaction length {length} exceeds the {reader.Remaining} bytes left");
                }

                Transaction transaction;
                try
                {
                    transaction = TransactionCodec.Decode(reader.ReadBytes((int)length, "transaction"));
                }
                catch (FormatException e)
                {
                    throw reader.Corrupt($"transaction does not decode: {e.Message}", e);
                }

                record = new CommitDecisionRecord(tx, participants, transaction);
                break;
            case RecordType.End:
                record = new EndRecord(reader.ReadTxId("tx id"));
                break;
            default:
                throw new StoreException(StoreError.Corrupt, location, $"a {type} frame is a store value, not a log record");
        }

        reader.End();
        return record;
    }

    /// <summary>The record type stored for <paramref name="record"/>.</summary>
    public static RecordType TypeOf(LogRecord record) => record switch
    {
        PreparedRecord => RecordType.Prepared,
        CommittedRecord => RecordType.Committed,
        AbortedRecord => RecordType.Aborted,
        CommitDecisionRecord => RecordType.CommitDecision,
        EndRecord => RecordType.End,
        _ => throw new ArgumentException($"no encoding for log record type {record.GetType().Name}", nameof(record)),
    };

    /// <summary>Writes the header for a payload of <paramref name="payloadLength"/> bytes; returns the span the payload goes into.</summary>
    internal static Span<byte> BeginFrame(Span<byte> frame, RecordType type, int payloadLength)
    {
        frame[0] = FormatVersion;
        frame[1] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(frame[2..], checked((uint)payloadLength));
        return frame.Slice(HeaderSize, payloadLength);
    }

    /// <summary>Appends the checksum after a payload of <paramref name="payloadLength"/> bytes; returns the frame length.</summary>
    internal static int SealFrame(Span<byte> frame, int payloadLength)
    {
        var covered = HeaderSize + payloadLength;
        if (BinaryPrimitives.ReadUInt32LittleEndian(frame[2..]) != (uint)payloadLength)
        {
            throw new InvalidOperationException($"the payload writer wrote {payloadLength} bytes, the header says {BinaryPrimitives.ReadUInt32LittleEndian(frame[2..])}");
        }

        Checksum(frame[0], frame[..covered], frame.Slice(covered, ChecksumSize));
        return covered + ChecksumSize;
    }

    /// <summary>A new frame holding <paramref name="payloadLength"/> payload bytes written by <paramref name="write"/>.</summary>
    internal static byte[] Frame<TState>(RecordType type, int payloadLength, TState state, PayloadAction<TState> write)
    {
        var frame = new byte[HeaderSize + payloadLength + ChecksumSize];
        var writer = new PayloadWriter(BeginFrame(frame, type, payloadLength));
        write(ref writer, state);
        SealFrame(frame, writer.Position);
        return frame;
    }

    /// <summary>
    /// Checks a frame's length, checksum and version and returns its payload. The checksum is checked before the version
    /// so that a damaged version byte reads as corruption, not as a newer format.
    /// </summary>
    internal static ReadOnlySpan<byte> OpenFrame(ReadOnlySpan<byte> frame, string location, out RecordType type)
    {
        if (frame.Length < HeaderSize + ChecksumSize)
        {
            throw new StoreException(StoreError.Truncated, location, $"truncated frame: {frame.Length} bytes, the smallest frame is {HeaderSize + ChecksumSize}");
        }

        var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(frame[2..]);
        if (payloadLength > MaxPayloadLength)
        {
            throw new StoreException(StoreError.Corrupt, location, $"corrupt frame: payload length {payloadLength} exceeds the {MaxPayloadLength}-byte limit");
        }

        var expected = HeaderSize + (int)payloadLength + ChecksumSize;
        if (frame.Length < expected)
        {
            throw new StoreException(StoreError.Truncated, location, $"truncated frame: the header declares {expected} bytes ({payloadLength}-byte payload), only {frame.Length} are present");
        }

        if (frame.Length > expected)
        {
            throw new StoreException(StoreError.Corrupt, location, $"corrupt frame: {frame.Length - expected} bytes follow the {expected} bytes the header declares");
        }

        var covered = HeaderSize + (int)payloadLength;
        Span<byte> computed = stackalloc byte[ChecksumSize];
        // The version byte picks the checksum; a damaged one picks the wrong checksum and reads as corruption below.
        Checksum(frame[0], frame[..covered], computed);
        var stored = frame.Slice(covered, ChecksumSize);
        if (!stored.SequenceEqual(computed))
        {
            throw new StoreException(StoreError.Corrupt, location, $"corrupt frame: checksum {Convert.ToHexStringLower(stored)} does not match {Convert.ToHexStringLower(computed)} computed over {covered} bytes");
        }

        var version = frame[0];
        if (version > FormatVersion)
        {
            throw new StoreException(StoreError.NewerFormat, location, $"frame format version {version} is newer than this build reads ({FormatVersion}); upgrade before opening this store");
        }

        if (version == 0)
        {
            throw new StoreException(StoreError.Corrupt, location, "corrupt frame: format version 0 was never written");
        }

        type = (RecordType)frame[1];
        if (!Enum.IsDefined(type))
        {
            throw new StoreException(StoreError.Corrupt, location, $"corrupt frame: unknown record type {frame[1]}");
        }

        return frame.Slice(HeaderSize, (int)payloadLength);
    }

    // XXH3-64 is a corruption check at memory speed (~30 ns for a typical 100-200-byte value); SHA3-256 through
    // OpenSSL cost ~1.3-2.6 µs a value and was ~15% of a durable run's CPU. Version 1 frames keep their SHA3 checksum.
    private static void Checksum(byte version, ReadOnlySpan<byte> covered, Span<byte> destination)
    {
        if (version >= FirstXxh3Version)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination, XxHash3.HashToUInt64(covered));
            return;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA3_256.HashData(covered, hash);
        hash[..ChecksumSize].CopyTo(destination);
    }

    private static int PayloadLength(LogRecord record) => record switch
    {
        PreparedRecord p => Core.Ids.TxId.Size + 4 + PayloadSize.Shards(p.Participants) + 8 + PayloadSize.Writes(p.Writes) + PayloadSize.Strings(p.LockKeys),
        CommittedRecord c => Core.Ids.TxId.Size + PayloadSize.Writes(c.Writes),
        CommitDecisionRecord d => Core.Ids.TxId.Size + PayloadSize.Shards(d.Participants) + 4 + TransactionCodec.EncodedSize(d.Transaction),
        AbortedRecord or EndRecord => Core.Ids.TxId.Size,
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException($"no encoding for log record type {record.GetType().Name}", nameof(record)),
    };
}

/// <summary>Writes a payload for <see cref="RecordCodec.Frame{TState}"/>.</summary>
internal delegate void PayloadAction<in TState>(ref PayloadWriter writer, TState state);
