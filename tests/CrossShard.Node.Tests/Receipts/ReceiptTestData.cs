using System.Buffers.Binary;
using System.Text;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Receipts;
using static CrossShard.Node.Tests.Manifest.ManifestTestData;

namespace CrossShard.Node.Tests.Receipts;

/// <summary>Receipts for the tests, and an independent decoder of the documented signed layout.</summary>
internal static class ReceiptTestData
{
    public const string ClusterId = "local-7f3a";

    public static readonly TxId Tx = TxId.Parse("8f2a9c41d7e6b5a30f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778");

    public static readonly DateTimeOffset IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);

    public static TransactionReceipt Commit(int coordinator = 0, string clusterId = ClusterId, int signerIndex = -1) =>
        new ReceiptSigner(Identity(signerIndex < 0 ? coordinator : signerIndex), clusterId)
            .Sign(Tx, DecisionKind.Commit, AbortReason.None, [new ShardId(2), new ShardId(0)], new ShardId(coordinator), IssuedAt);

    public static TransactionReceipt With(
        TransactionReceipt r,
        int? format = null,
        string? clusterId = null,
        TxId? txId = null,
        DecisionKind? decision = null,
        AbortReason? reason = null,
        IEnumerable<ShardId>? participants = null,
        ShardId? coordinator = null,
        long? issuedAt = null,
        Signature? signature = null) =>
        new(
            format ?? r.FormatVersion,
            clusterId ?? r.ClusterId,
            txId ?? r.TxId,
            decision ?? r.Decision,
            reason ?? r.AbortReason,
            participants ?? r.Participants,
            coordinator ?? r.Coordinator,
            issuedAt ?? r.IssuedAtUnixMs,
            signature ?? r.Signature);

    /// <summary>
    /// Decodes the layout exactly as docs/receipts.md describes it, written without the production encoder;
    /// null when the bytes are not a well-formed version 1 layout.
    /// </summary>
    public static TransactionReceipt? DecodeLayout(ReadOnlySpan<byte> bytes, Signature signature)
    {
        if (bytes.Length < 56 || !bytes[..4].SequenceEqual("XSRC"u8) || BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) != 1)
        {
            return null;
        }

        var clusterLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        if (bytes.Length < 56 + clusterLength)
        {
            return null;
        }

        var clusterId = Encoding.ASCII.GetString(bytes.Slice(8, clusterLength));
        var rest = bytes[(8 + clusterLength)..];
        var txId = TxId.FromBytes(rest[..32]);
        var decision = (DecisionKind)rest[32];
        var reason = (AbortReason)rest[33];
        var coordinator = BinaryPrimitives.ReadUInt32LittleEndian(rest[34..]);
        var issuedAt = BinaryPrimitives.ReadInt64LittleEndian(rest[38..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(rest[46..]);
        if (rest.Length != 48 + (4 * count) || coordinator > int.MaxValue)
        {
            return null;
        }

        var participants = new List<ShardId>();
        for (var i = 0; i < count; i++)
        {
            var value = BinaryPrimitives.ReadUInt32LittleEndian(rest[(48 + (4 * i))..]);
            if (value > int.MaxValue)
            {
                return null;
            }

            participants.Add(new ShardId((int)value));
        }

        return new TransactionReceipt(1, clusterId, txId, decision, reason, participants, new ShardId((int)coordinator), issuedAt, signature);
    }
}
