using System.Buffers.Binary;
using System.Collections.Immutable;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Transport.Wire;

/// <summary>
/// Binary encoding of protocol messages, little-endian, documented in docs/wire.md:
/// <c>u8 kind | 32 B tx id | i32 from | body</c>, where the body is
/// Prepare: <c>i64 priority | u16 n | n × i32 participant | u32 len | canonical transaction</c>;
/// Vote: <c>u8 vote | u8 reason</c>; Decision: <c>u8 decision | u8 presumed</c>; PeerDecision: <c>u8 decision</c>; Ack, StatusQuery, PeerStatusQuery and Heartbeat (all-zero id): empty.
/// </summary>
public static class MessageCodec
{
    /// <summary>The largest encoded message accepted.</summary>
    public const int MaxMessageSize = 64 * 1024;

    private const int HeaderSize = 1 + TxId.Size + 4;

    /// <summary>Encodes <paramref name="message"/>.</summary>
    public static byte[] Encode(ProtocolMessage message)
    {
        switch (message)
        {
            case Prepare p:
                var tx = TransactionCodec.Encode(p.Transaction);
                var bytes = new byte[HeaderSize + 8 + 2 + (4 * p.Participants.Length) + 4 + tx.Length];
                var offset = WriteHeader(bytes, MessageKind.Prepare, p);
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), p.Priority);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset + 8), checked((ushort)p.Participants.Length));
                offset += 10;
                foreach (var shard in p.Participants)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), shard.Value);
                    offset += 4;
                }

                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), (uint)tx.Length);
                tx.CopyTo(bytes.AsSpan(offset + 4));
                return bytes;
            case Vote v:
                return WithBody(MessageKind.Vote, v, (byte)v.Kind, (byte)v.Reason);
            case Decision d:
                return WithBody(MessageKind.Decision, d, (byte)d.Kind, d.Presumed ? (byte)1 : (byte)0);
            case PeerDecision pd:
                return WithBody(MessageKind.PeerDecision, pd, (byte)pd.Kind);
            case Ack a:
                return WithBody(MessageKind.Ack, a);
            case StatusQuery q:
                return WithBody(MessageKind.StatusQuery, q);
            case PeerStatusQuery pq:
                return WithBody(MessageKind.PeerStatusQuery, pq);
            case Heartbeat h:
                return WithBody(MessageKind.Heartbeat, h);
            default:
                throw new ArgumentException($"no wire encoding for {message.GetType().Name}", nameof(message));
        }
    }

    /// <summary>The kind byte of an encoded message, or throws <see cref="WireFormatException"/>.</summary>
    public static MessageKind KindOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
        {
            throw new WireFormatException($"message truncated: {bytes.Length} bytes, the header needs {HeaderSize}");
        }

        var kind = (MessageKind)bytes[0];
        return Enum.IsDefined(kind) ? kind : throw new WireFormatException($"unknown message kind {bytes[0]}");
    }

    /// <summary>Decodes a message, or throws <see cref="WireFormatException"/> saying what is wrong.</summary>
    public static ProtocolMessage Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxMessageSize)
        {
            throw new WireFormatException($"message of {bytes.Length} bytes exceeds the {MaxMessageSize}-byte limit");
        }

        var kind = KindOf(bytes);
        var tx = TxId.FromBytes(bytes.Slice(1, TxId.Size));
        var from = new ShardId(BinaryPrimitives.ReadInt32LittleEndian(bytes[(1 + TxId.Size)..]));
        var body = bytes[HeaderSize..];
        switch (kind)
        {
            case MessageKind.Prepare:
                return DecodePrepare(tx, from, body);
            case MessageKind.Vote:
                Expect(body, 2);
                return new Vote(tx, from, Defined<VoteKind>(body[0], "vote"), Defined<AbortReason>(body[1], "abort reason"));
            case MessageKind.Decision:
                Expect(body, 2);
                return body[1] > 1
                    ? throw new WireFormatException($"unknown decision flags {body[1]}")
                    : new Decision(tx, from, Defined<DecisionKind>(body[0], "decision"), Presumed: body[1] == 1);
            case MessageKind.Ack:
                Expect(body, 0);
                return new Ack(tx, from);
            case MessageKind.StatusQuery:
                Expect(body, 0);
                return new StatusQuery(tx, from);
            case MessageKind.PeerDecision:
                Expect(body, 1);
                return new PeerDecision(tx, from, Defined<DecisionKind>(body[0], "decision"));
            case MessageKind.PeerStatusQuery:
                Expect(body, 0);
                return new PeerStatusQuery(tx, from);
            default:
                Expect(body, 0);
                return tx == default ? new Heartbeat(from) : throw new WireFormatException("a heartbeat carries no transaction id");
        }
    }

    private static Prepare DecodePrepare(TxId tx, ShardId from, ReadOnlySpan<byte> body)
    {
        if (body.Length < 10)
        {
            throw new WireFormatException("Prepare truncated");
        }

        var priority = BinaryPrimitives.ReadInt64LittleEndian(body);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(body[8..]);
        if (count == 0 || count > ShardMap.MaxShards || body.Length < 10 + (4 * count) + 4)
        {
            throw new WireFormatException($"Prepare has an impossible participant list ({count} participants)");
        }

        var participants = ImmutableArray.CreateBuilder<ShardId>(count);
        for (var i = 0; i < count; i++)
        {
            participants.Add(new ShardId(BinaryPrimitives.ReadInt32LittleEndian(body[(10 + (4 * i))..])));
        }

        var offset = 10 + (4 * count);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(body[offset..]);
        if (length != (uint)(body.Length - offset - 4))
        {
            throw new WireFormatException($"Prepare transaction length {length} does not match the {body.Length - offset - 4} bytes present");
        }

        Transaction transaction;
        try
        {
            transaction = TransactionCodec.Decode(body[(offset + 4)..]);
        }
        catch (FormatException ex)
        {
            throw new WireFormatException($"Prepare carries a malformed transaction: {ex.Message}");
        }

        // The id names the transaction everywhere; a Prepare whose id is not the hash of its content is forged or corrupt.
        if (transaction.Id != tx)
        {
            throw new WireFormatException($"Prepare id {tx.ToShortString()} is not the id of its transaction ({transaction.Id.ToShortString()})");
        }

        return new Prepare(tx, from, transaction, participants.MoveToImmutable(), priority);
    }

    // Every message but Prepare is the header plus a few fixed bytes.
    private static byte[] WithBody(MessageKind kind, ProtocolMessage message, params ReadOnlySpan<byte> body)
    {
        var bytes = new byte[HeaderSize + body.Length];
        WriteHeader(bytes, kind, message);
        body.CopyTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }

    private static int WriteHeader(Span<byte> destination, MessageKind kind, ProtocolMessage message)
    {
        destination[0] = (byte)kind;
        message.Tx.WriteTo(destination[1..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(1 + TxId.Size)..], message.From.Value);
        return HeaderSize;
    }

    private static void Expect(ReadOnlySpan<byte> body, int length)
    {
        if (body.Length != length)
        {
            throw new WireFormatException($"message body is {body.Length} bytes, expected {length}");
        }
    }

    private static T Defined<T>(byte value, string what)
        where T : struct, Enum
    {
        var typed = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(typed) ? typed : throw new WireFormatException($"unknown {what} value {value}");
    }
}
