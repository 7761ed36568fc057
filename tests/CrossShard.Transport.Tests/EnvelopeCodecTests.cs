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

    [Fact]
    public void OneSignature_CoversEveryEnvelopeOfARound_AndEachReceiverOpensItsOwn()
    {
        var keyring = new PeerKeyring(new Dictionary<ShardId, SignaturePublicKey> { [new ShardId(1)] = Sender.PublicKey });
        var sealer = new EnvelopeSealer("c1", new ShardId(1), Sender, epoch: 1);
        var ack = MessageCodec.Encode(new Ack(Tx, new ShardId(1)));
        var envelopes = sealer.SealAll([(new ShardId(0), [ack]), (new ShardId(2), [ack, ack]), (new ShardId(3), [ack])]);

        for (var i = 0; i < envelopes.Length; i++)
        {
            var receiver = new ShardId(i == 0 ? 0 : i + 1);
            var opener = new EnvelopeOpener("c1", receiver, keyring);
            Assert.Equal(EnvelopeRejection.None, opener.Open(envelopes[i], out _, out var messages));
            Assert.Equal(i == 1 ? 2 : 1, messages.Count);
            EnvelopeCodec.TryParse(envelopes[i], out var parsed);
            Assert.Equal((i, 3), (parsed.SetProof!.LeafIndex, parsed.SetProof.TreeSize));
            Assert.Equal(envelopes[0].AsSpan(^parsed.Signature!.Encode().Length..).ToArray(), parsed.Signature.Encode());
        }
    }

    [Fact]
    public void AnEnvelopeCarryingAnotherEnvelopesProof_IsRefused()
    {
        var sealer = new EnvelopeSealer("c1", new ShardId(1), Sender, epoch: 1);
        var ack = MessageCodec.Encode(new Ack(Tx, new ShardId(1)));
        var envelopes = sealer.SealAll([(new ShardId(0), [ack]), (new ShardId(0), [ack, ack])]);
        EnvelopeCodec.TryParse(envelopes[0], out var first);
        EnvelopeCodec.TryParse(envelopes[1], out var second);

        // The first envelope's messages and header with the second's proof (same signature): the digest no longer fits.
        var swapped = EnvelopeCodec.Assemble(first.HeaderBytes, first.Messages, second.SetProof!, first.Signature!);

        Assert.Equal(EnvelopeRejection.None, Opener().Open(envelopes[0], out _, out _));
        Assert.Equal(EnvelopeRejection.BadSignature, Opener().Open(swapped, out _, out _));
    }

    [Fact]
    public void AMessageSignedUnderAnotherKindsContext_IsRefused()
    {
        var ack = MessageCodec.Encode(new Ack(Tx, new ShardId(1)));
        var header = EnvelopeCodec.EncodeHeader(new EnvelopeHeader("c1", new ShardId(1), new ShardId(0), 1, 1, 1));
        var forged = EnvelopeCodec.SignAll(Sender, [new UnsignedEnvelope(header, [ack], [SignatureContext.Vote])])[0];
        var honest = EnvelopeCodec.SignAll(Sender, [new UnsignedEnvelope(header, [ack])])[0];

        Assert.Equal(EnvelopeRejection.BadSignature, Opener().Open(forged, out _, out _));
        Assert.Equal(EnvelopeRejection.None, Opener().Open(honest, out _, out _));
    }
}
