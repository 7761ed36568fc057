using System.Buffers.Binary;
using System.Security.Cryptography;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CsCheck;

namespace CrossShard.Storage.Tests;

public sealed class RecordCodecTests
{
    private static readonly TxId SomeTx = new(1, 2, 3, 4);

    [Fact]
    public void Encode_RandomRecords_RoundTrip() =>
        RecordGen.Any.Sample(record =>
        {
            var frame = RecordCodec.Encode(record);
            Assert.Equal(RecordCodec.GetEncodedLength(record), frame.Length);
            RecordAssert.Equal(record, RecordCodec.Decode(frame));
        }, iter: 2_000);

    [Fact]
    public void Decode_AnySingleFlippedByte_IsDetected() =>
        Gen.Select(RecordGen.Any, Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample((record, position, mask) =>
        {
            var frame = RecordCodec.Encode(record);
            frame[position % frame.Length] ^= mask;
            var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(frame));
            Assert.Contains(error.Error, new[] { StoreError.Corrupt, StoreError.Truncated });
        }, iter: 3_000);

    [Fact]
    public void Decode_AnyTruncation_IsDetected() =>
        Gen.Select(RecordGen.Any, Gen.Int[0, int.MaxValue]).Sample((record, cut) =>
        {
            var frame = RecordCodec.Encode(record);
            var length = cut % frame.Length;
            var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(frame.AsSpan(0, length)));
            Assert.Equal(StoreError.Truncated, error.Error);
        }, iter: 3_000);

    [Fact]
    public void Decode_TrailingBytes_IsCorrupt()
    {
        var frame = RecordCodec.Encode(new EndRecord(SomeTx));
        var error = Assert.Throws<StoreException>(() => RecordCodec.Decode([.. frame, 0], "here"));
        Assert.Equal(StoreError.Corrupt, error.Error);
        Assert.Equal("here", error.Location);
    }

    [Fact]
    public void Decode_NewerVersionWithValidChecksum_IsNewerFormat()
    {
        var payload = SomeTx.ToBytes();
        var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(Frame(RecordCodec.FormatVersion + 1, (byte)RecordType.End, payload)));
        Assert.Equal(StoreError.NewerFormat, error.Error);
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Version1FrameWithItsSha3Checksum_StillReads()
    {
        var decoded = RecordCodec.Decode(Frame(1, (byte)RecordType.End, SomeTx.ToBytes()));
        Assert.Equal(new EndRecord(SomeTx), decoded);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Decode_VersionByteThatPicksTheOtherChecksum_IsCorrupt(int writtenAs, int versionByte)
    {
        // A damaged version byte must read as corruption, not as a frame of the other version.
        var frame = Frame(writtenAs, (byte)RecordType.End, SomeTx.ToBytes());
        frame[0] = (byte)versionByte;
        var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(frame));
        Assert.Equal(StoreError.Corrupt, error.Error);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryFlippedByteOfAVersion2Frame_IsRefused()
    {
        var frame = RecordCodec.Encode(new EndRecord(SomeTx));
        for (var i = 0; i < frame.Length; i++)
        {
            var damaged = frame.ToArray();
            damaged[i] ^= 0x01;
            var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(damaged));
            Assert.True(error.Error is StoreError.Corrupt or StoreError.Truncated, $"byte {i}: {error.Error}");
        }
    }

    [Fact]
    public void Decode_UnknownRecordType_IsCorrupt()
    {
        var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(Frame(1, 99, SomeTx.ToBytes())));
        Assert.Equal(StoreError.Corrupt, error.Error);
        Assert.Contains("unknown record type 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PayloadShorterThanItsFields_IsCorruptNamingTheField()
    {
        var error = Assert.Throws<StoreException>(() => RecordCodec.Decode(Frame(1, (byte)RecordType.End, new byte[31])));
        Assert.Equal(StoreError.Corrupt, error.Error);
        Assert.Contains("tx id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_EndRecord_MatchesTheDocumentedLayout()
    {
        // docs/storage.md: u8 version (2) | u8 type | u32 LE payload length | tx id (32 bytes) | XXH3-64 LE of all that.
        var frame = RecordCodec.Encode(new EndRecord(SomeTx));
        Assert.Equal(Frame(2, 5, SomeTx.ToBytes()), frame);
    }

    [Fact]
    public void Encode_StringThatIsNotUtf16_Throws() =>
        Assert.Throws<System.Text.EncoderFallbackException>(() =>
            RecordCodec.Encode(new CommittedRecord(SomeTx, [new("\ud800", false, default)])));

    /// <summary>A frame built from the documented layout, independently of the codec: SHA3-256 (first 8 bytes) for version 1, XXH3-64 after.</summary>
    internal static byte[] Frame(int version, byte type, byte[] payload)
    {
        var frame = new byte[6 + payload.Length + 8];
        frame[0] = (byte)version;
        frame[1] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(2), (uint)payload.Length);
        payload.CopyTo(frame, 6);
        var covered = frame.AsSpan(0, 6 + payload.Length);
        if (version == 1)
        {
            SHA3_256.HashData(covered).AsSpan(0, 8).CopyTo(frame.AsSpan(6 + payload.Length));
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(6 + payload.Length), System.IO.Hashing.XxHash3.HashToUInt64(covered));
        }

        return frame;
    }
}
