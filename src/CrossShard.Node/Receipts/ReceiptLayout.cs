using System.Buffers.Binary;
using System.Text;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Node.Receipts;

/// <summary>The signed byte layout of a receipt, version 1; language-neutral, every integer little-endian.</summary>
/// <remarks>
/// <code>
/// offset    size  field
///  0         4    magic "XSRC" (58 53 52 43): names the structure, so no other signed bytes parse as a receipt
///  4         2    format version, u16 = 1
///  6         2    cluster id length L, u16 (1..64)
///  8         L    cluster id, ASCII
///  8+L      32    transaction id (the 32 bytes whose hex is the txId)
///  40+L      1    decision, u8: 1 commit, 2 abort
///  41+L      1    abort reason, u8 (0 none, only for a commit)
///  42+L      4    coordinator shard id, u32
///  46+L      8    issued at, Unix milliseconds, i64
///  54+L      2    participant count P, u16 (1..65535)
///  56+L     4·P   participant shard ids, u32 each, strictly ascending
/// </code>
/// Total 56 + L + 4·P bytes, nothing after. ML-DSA signs these bytes as the message M with context
/// <c>crossshard/v1/receipt</c> (pure ML-DSA, FIPS 204 Algorithm 2).
/// </remarks>
public static class ReceiptLayout
{
    /// <summary>The layout (and receipt format) version this build writes and verifies.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Most participants one receipt can name (the count is a u16).</summary>
    public const int MaxParticipants = ushort.MaxValue;

    /// <summary>Size of everything except the cluster id and the participant list.</summary>
    public const int FixedSize = 56;

    /// <summary>The four magic bytes "XSRC" that open the layout.</summary>
    public static ReadOnlySpan<byte> Magic => "XSRC"u8;

    /// <summary>Encodes already-validated fields (see <see cref="ReceiptRules"/>).</summary>
    internal static byte[] Encode(
        string clusterId,
        TxId txId,
        DecisionKind decision,
        AbortReason reason,
        ReadOnlySpan<ShardId> participants,
        ShardId coordinator,
        long issuedAtUnixMs)
    {
        var clusterLength = Encoding.ASCII.GetByteCount(clusterId);
        var bytes = new byte[FixedSize + clusterLength + (4 * participants.Length)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)clusterLength);
        Encoding.ASCII.GetBytes(clusterId, span[8..]);
        var at = 8 + clusterLength;
        txId.WriteTo(span[at..]);
        span[at + 32] = (byte)decision;
        span[at + 33] = (byte)reason;
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 34)..], (uint)coordinator.Value);
        BinaryPrimitives.WriteInt64LittleEndian(span[(at + 38)..], issuedAtUnixMs);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 46)..], (ushort)participants.Length);
        at += 48;
        foreach (var participant in participants)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)participant.Value);
            at += 4;
        }

        return bytes;
    }
}
