using System.Buffers.Binary;
using CrossShard.Crypto.Channels;

namespace CrossShard.Crypto.Tests.Channels;

/// <summary>Truncated, oversized and garbage handshake input always ends in a typed <see cref="HandshakeException"/>.</summary>
public sealed class HandshakeParsingTests
{
    [Fact]
    public void ClientHello_EveryTruncation_IsTruncated()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        var clientHello = initiator.CreateClientHello();

        for (var length = 0; length < clientHello.Length; length++)
        {
            using var responder = cluster.NewResponder();
            var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(clientHello.AsSpan(0, length))).Error;
            Assert.True(error == HandshakeError.Truncated, $"length {length}: {error}");
        }
    }

    [Fact]
    public void ClientHello_TrailingByteOrHugeInput_IsOversized()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        var clientHello = initiator.CreateClientHello();
        using var first = cluster.NewResponder();
        using var second = cluster.NewResponder();

        Assert.Equal(HandshakeError.Oversized, Assert.Throws<HandshakeException>(() => first.ProcessClientHello([.. clientHello, 0])).Error);
        var huge = new byte[1 << 20];
        huge[0] = HandshakeProtocol.ClientHelloType;
        huge[1] = HandshakeProtocol.FormatVersion;
        Assert.Equal(HandshakeError.Oversized, Assert.Throws<HandshakeException>(() => second.ProcessClientHello(huge)).Error);
    }

    public static TheoryData<string, HandshakeError> ClientHelloCorruptions => new()
    {
        { "type", HandshakeError.UnexpectedMessage },
        { "no versions", HandshakeError.Malformed },
        { "nine versions", HandshakeError.Malformed },
        { "version zero", HandshakeError.Malformed },
        { "negative initiator shard", HandshakeError.Malformed },
        { "negative responder shard", HandshakeError.Malformed },
        { "kem id", HandshakeError.UnsupportedAlgorithm },
        { "kem key not reduced mod q", HandshakeError.Malformed },
    };

    [Theory]
    [MemberData(nameof(ClientHelloCorruptions))]
    public void ClientHello_CorruptField_IsTypedError(string corruption, HandshakeError expected)
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        var hello = initiator.CreateClientHello();
        hello = corruption switch
        {
            "type" => Set(hello, 0, HandshakeProtocol.ServerHelloType),
            "no versions" => HandshakeWire.WithOfferedVersions(hello, []),
            "nine versions" => Set(hello, 2, 9),
            "version zero" => HandshakeWire.WithOfferedVersions(hello, [0]),
            "negative initiator shard" => Set(hello, HandshakeWire.ResponderShardOffset(hello) - 1, 0x80),
            "negative responder shard" => Set(hello, HandshakeWire.ResponderShardOffset(hello) + 3, 0x80),
            "kem id" => Set(hello, HandshakeWire.EphemeralKeyOffset(hello) - 1, 3),
            "kem key not reduced mod q" => Set(Set(hello, HandshakeWire.EphemeralKeyOffset(hello), 0xFF), HandshakeWire.EphemeralKeyOffset(hello) + 1, 0xFF),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        using var responder = cluster.NewResponder();

        Assert.Equal(expected, Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(hello)).Error);
    }

    [Fact]
    public void ServerHello_Truncations_AreTruncated()
    {
        using var cluster = new ChannelTestCluster();
        using var responder = cluster.NewResponder();
        using var probe = cluster.NewInitiator();
        var serverHello = responder.ProcessClientHello(probe.CreateClientHello());

        foreach (var length in new[] { 0, 1, 2, 3, 4, 35, 36, 67, 68, 1155, 1156, 1157, serverHello.Length - 1 })
        {
            using var initiator = cluster.NewInitiator();
            initiator.CreateClientHello();
            var error = Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello.AsSpan(0, length))).Error;
            Assert.True(error == HandshakeError.Truncated, $"length {length}: {error}");
        }
    }

    [Fact]
    public void ServerHello_TrailingByte_UnknownSignatureAlgorithm_WrongType_AreTypedErrors()
    {
        using var cluster = new ChannelTestCluster();
        using var responder = cluster.NewResponder();
        using var probe = cluster.NewInitiator();
        var serverHello = responder.ProcessClientHello(probe.CreateClientHello());

        Assert.Equal(HandshakeError.Oversized, ServerHelloError(cluster, [.. serverHello, 0]));
        Assert.Equal(HandshakeError.UnsupportedAlgorithm, ServerHelloError(cluster, Set(serverHello, 1156, 0)));
        Assert.Equal(HandshakeError.UnexpectedMessage, ServerHelloError(cluster, Set(serverHello, 0, HandshakeProtocol.ClientFinishType)));
        Assert.Equal(HandshakeError.UnsupportedVersion, ServerHelloError(cluster, Set(serverHello, 1, 0)));
    }

    [Fact]
    public void ClientFinish_TruncatedOversizedOrWrongType_IsTypedError()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var clientHello = initiator.CreateClientHello();
        var completion = initiator.ProcessServerHello(responder.ProcessClientHello(clientHello));
        completion.Session.Dispose();
        var finish = completion.ClientFinish;

        foreach (var (input, expected) in new (byte[], HandshakeError)[]
        {
            ([], HandshakeError.Truncated),
            (finish[..2], HandshakeError.Truncated),
            (finish[..^1], HandshakeError.Truncated),
            ([.. finish, 0], HandshakeError.Oversized),
            (Set(finish, 0, HandshakeProtocol.ClientHelloType), HandshakeError.UnexpectedMessage),
            (Set(finish, 2, 77), HandshakeError.UnsupportedAlgorithm),
        })
        {
            using var fresh = cluster.NewResponder();
            fresh.ProcessClientHello(clientHello);
            Assert.Equal(expected, Assert.Throws<HandshakeException>(() => fresh.ProcessClientFinish(input)).Error);
        }
    }

    [Fact]
    public void Garbage_NeverEscapesAsAnotherExceptionType()
    {
        using var cluster = new ChannelTestCluster();
        var random = new Random(20240601);
        for (var i = 0; i < 300; i++)
        {
            var garbage = new byte[random.Next(0, 6000)];
            random.NextBytes(garbage);
            if (garbage.Length > 0 && i % 2 == 0)
            {
                garbage[0] = (byte)(1 + (i % 3));
                if (garbage.Length > 1)
                {
                    garbage[1] = HandshakeProtocol.FormatVersion;
                }
            }

            using var responder = cluster.NewResponder();
            Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(garbage));
        }
    }

    private static HandshakeError ServerHelloError(ChannelTestCluster cluster, byte[] serverHello)
    {
        using var initiator = cluster.NewInitiator();
        initiator.CreateClientHello();
        return Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error;
    }

    private static byte[] Set(byte[] message, int offset, byte value)
    {
        var copy = (byte[])message.Clone();
        copy[offset] = value;
        return copy;
    }
}
