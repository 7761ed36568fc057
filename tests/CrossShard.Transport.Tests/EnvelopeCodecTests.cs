using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Security;
using CrossShard.Transport.Wire;
using CsCheck;

namespace CrossShard.Transport.Tests;

public sealed class EnvelopeCodecTests
{
    private static readonly NodeIdentity Sender = NodeIdentity.Generate();
    private static readonly TxId Tx = new(1, 2, 3, 4);

    private static byte[] Envelope(int messages = 3) =>
        new EnvelopeSealer("c1", new ShardId(1), Sender, epoch: 1).Seal(new ShardId(0), Enumerable.Range(0, messages).Select(i => MessageCodec.Encode(new Ack(Tx, new ShardId(1)))).ToList());

    private static EnvelopeOpener Opener() =>
        new("c1", new ShardId(0), new PeerKeyring(new Dictionary<ShardId, SignaturePublicKey> { [new ShardId(1)] = Sender.PublicKey }));

    [Fact]
    public void Sealed_ThenOpened_GivesTheMessagesAndTheAuthenticatedSender()
    {
        var rejection = Opener().Open(Envelope(), out var sender, out var messages);

        Assert.Equal(EnvelopeRejection.None, rejection);
        Assert.Equal(new ShardId(1), sender);
        Assert.Equal(3, messages.Count);
    }

    [Fact]
    public void SequenceNumbers_GrowPerDestination()
    {
        var sealer = new EnvelopeSealer("c1", new ShardId(1), Sender, epoch: 1);
        var message = new[] { MessageCodec.Encode(new Ack(Tx, new ShardId(1))) };

        EnvelopeCodec.TryParse(sealer.Seal(new ShardId(0), message), out var a);
        EnvelopeCodec.TryParse(sealer.Seal(new ShardId(0), message), out var b);
        EnvelopeCodec.TryParse(sealer.Seal(new ShardId(2), message), out var c);

        Assert.Equal((1UL, 2UL, 1UL), (a.Header.Sequence, b.Header.Sequence, c.Header.Sequence));
    }

    [Fact]
    public void EveryFlippedByte_IsRefused()
    {
        var envelope = Envelope(2);
        for (var i = 0; i < envelope.Length; i += Math.Max(1, envelope.Length / 400))
        {
            var tampered = envelope.ToArray();
            tampered[i] ^= 0x04;
            Assert.NotEqual(EnvelopeRejection.None, Opener().Open(tampered, out _, out _));
        }
    }

    [Fact]
    public void RandomBytes_AreRefusedWithoutThrowing() =>
        Gen.Byte.Array[0, 300].Sample(bytes => Opener().Open(bytes, out _, out _) != EnvelopeRejection.None, iter: 5_000);
}
