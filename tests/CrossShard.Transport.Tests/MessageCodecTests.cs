using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Transport.Wire;
using CsCheck;

namespace CrossShard.Transport.Tests;

public sealed class MessageCodecTests
{
    private static readonly Transaction Tx = Transaction.Transfer(7, new AccountId("alice"), new AccountId("bob"), 42);

    public static TheoryData<ProtocolMessage> Messages => new()
    {
        new Prepare(Tx.Id, new ShardId(3), Tx, [new ShardId(0), new ShardId(3)], 123456789),
        new Vote(Tx.Id, new ShardId(1), VoteKind.No, AbortReason.InsufficientFunds),
        new Vote(Tx.Id, new ShardId(1), VoteKind.Yes, AbortReason.None),
        new Decision(Tx.Id, new ShardId(2), DecisionKind.Commit),
        new Decision(Tx.Id, new ShardId(2), DecisionKind.Abort, Presumed: true),
        new Ack(Tx.Id, new ShardId(0)),
        new StatusQuery(Tx.Id, new ShardId(5)),
        new PeerStatusQuery(Tx.Id, new ShardId(4)),
        new PeerDecision(Tx.Id, new ShardId(4), DecisionKind.Abort),
        new Heartbeat(new ShardId(2)),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Encode_ThenDecode_GivesAnEqualMessage(ProtocolMessage message)
    {
        var decoded = MessageCodec.Decode(MessageCodec.Encode(message));

        if (message is Prepare p)
        {
            var d = Assert.IsType<Prepare>(decoded);
            Assert.Equal((p.Tx, p.From, p.Priority, p.Transaction.Id), (d.Tx, d.From, d.Priority, d.Transaction.Id));
            Assert.Equal(p.Participants, d.Participants);
        }
        else
        {
            Assert.Equal(message, decoded);
        }
    }

    [Fact]
    public void Decode_PrepareWhoseIdIsNotItsTransactionsHash_IsRefused()
    {
        var other = Transaction.Transfer(8, new AccountId("alice"), new AccountId("bob"), 42);
        var bytes = MessageCodec.Encode(new Prepare(other.Id, new ShardId(0), Tx, [new ShardId(0)], 1));

        Assert.Contains("is not the id", Assert.Throws<WireFormatException>(() => MessageCodec.Decode(bytes)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "truncated")]
    [InlineData(1, "unknown message kind")]
    [InlineData(2, "expected")]
    [InlineData(3, "unknown vote")]
    [InlineData(4, "exceeds")]
    public void Decode_Malformed_ThrowsWireFormatExceptionNamingTheProblem(int variant, string expected)
    {
        var vote = MessageCodec.Encode(new Vote(Tx.Id, new ShardId(1), VoteKind.Yes, AbortReason.None));
        var bytes = variant switch
        {
            0 => vote[..10],
            1 => [99, .. vote[1..]],
            2 => [.. vote, 0],
            3 => [.. vote[..^2], 9, 0],
            _ => new byte[MessageCodec.MaxMessageSize + 1],
        };

        Assert.Contains(expected, Assert.Throws<WireFormatException>(() => MessageCodec.Decode(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrowsAnythingButWireFormatException() =>
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            try
            {
                MessageCodec.Decode(bytes);
            }
            catch (WireFormatException)
            {
            }
        }, iter: 20_000);
}
