using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Channels;

public sealed class HandshakeTests
{
    public static TheoryData<SignatureAlgorithm> Algorithms =>
        [SignatureAlgorithm.MlDsa44, SignatureAlgorithm.MlDsa65, SignatureAlgorithm.MlDsa87];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Handshake_ValidPeers_AgreeOnSessionAndCarryTrafficBothWays(SignatureAlgorithm algorithm)
    {
        using var cluster = new ChannelTestCluster(algorithm: algorithm);
        var (initiator, responder) = cluster.Connect();
        using (initiator)
        using (responder)
        {
            Assert.Equal(initiator.SessionId, responder.SessionId);
            Assert.Equal(ChannelRole.Initiator, initiator.Role);
            Assert.Equal(ChannelRole.Responder, responder.Role);
            Assert.Equal((ChannelTestCluster.Initiator, ChannelTestCluster.Responder), (initiator.LocalShardId, initiator.PeerShardId));
            Assert.Equal((ChannelTestCluster.Responder, ChannelTestCluster.Initiator), (responder.LocalShardId, responder.PeerShardId));
            Assert.Equal(cluster.Manifest[ChannelTestCluster.Responder], initiator.PeerKey);
            Assert.Equal(cluster.Manifest[ChannelTestCluster.Initiator], responder.PeerKey);
            Assert.Equal(HandshakeProtocol.CurrentVersion, initiator.ProtocolVersion);
            Assert.Equal(HandshakeProtocol.CurrentVersion, responder.ProtocolVersion);

            byte[] routing = [1, 2, 3];
            for (var i = 0; i < 3; i++)
            {
                var request = System.Text.Encoding.UTF8.GetBytes($"prepare #{i}");
                Assert.Equal(request, responder.Open(initiator.Seal(request, routing), routing));
                var reply = System.Text.Encoding.UTF8.GetBytes($"vote yes #{i}");
                Assert.Equal(reply, initiator.Open(responder.Seal(reply, routing), routing));
            }
        }
    }

    [Fact]
    public void Handshake_MessageSizes_MatchTheDocumentedLayouts()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var clientHello = initiator.CreateClientHello();
        var serverHello = responder.ProcessClientHello(clientHello);
        var completion = initiator.ProcessServerHello(serverHello);
        using var session = completion.Session;
        using var responderSession = responder.ProcessClientFinish(completion.ClientFinish);

        Assert.Equal(1294, clientHello.Length);
        Assert.Equal(1156 + 1 + 3309, serverHello.Length);
        Assert.Equal(2 + 1 + 3309, completion.ClientFinish.Length);
    }

    [Fact]
    public void Handshake_Repeated_GivesFreshSessionIdAndKeys()
    {
        using var cluster = new ChannelTestCluster();
        var (a1, b1) = cluster.Connect();
        var (a2, b2) = cluster.Connect();
        using (a1)
        using (b1)
        using (a2)
        using (b2)
        {
            Assert.NotEqual(a1.SessionId, a2.SessionId);

            // A record of the first session means nothing to the second, even at the same sequence number.
            var record = a1.Seal([42], default);
            Assert.Equal(ChannelError.AuthenticationFailed, Assert.Throws<ChannelException>(() => b2.Open(record, default)).Error);
        }
    }

    [Fact]
    public void ServerHello_ReplayedToNewClientHello_IsRejected()
    {
        using var cluster = new ChannelTestCluster();
        using var firstInitiator = cluster.NewInitiator();
        using var firstResponder = cluster.NewResponder();
        var oldServerHello = firstResponder.ProcessClientHello(firstInitiator.CreateClientHello());

        using var initiator = cluster.NewInitiator();
        initiator.CreateClientHello();
        var error = Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(oldServerHello)).Error;

        Assert.Equal(HandshakeError.BadSignature, error);
    }

    [Fact]
    public void ClientFinish_ReplayedAfterReplayedClientHello_IsRejected()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var clientHello = initiator.CreateClientHello();
        var completion = initiator.ProcessServerHello(responder.ProcessClientHello(clientHello));
        using var session = completion.Session;
        using var responderSession = responder.ProcessClientFinish(completion.ClientFinish);

        // An eavesdropper replays the whole initiator side to a fresh responder: the responder's new nonce and
        // ciphertext change the transcript, so the recorded ClientFinish no longer verifies.
        using var replayTarget = cluster.NewResponder();
        replayTarget.ProcessClientHello(clientHello);
        var error = Assert.Throws<HandshakeException>(() => replayTarget.ProcessClientFinish(completion.ClientFinish)).Error;

        Assert.Equal(HandshakeError.BadSignature, error);
    }

    [Fact]
    public void ClientFinish_FromAnotherHandshake_IsRejected()
    {
        using var cluster = new ChannelTestCluster();
        using var oldInitiator = cluster.NewInitiator();
        using var oldResponder = cluster.NewResponder();
        var oldCompletion = oldInitiator.ProcessServerHello(oldResponder.ProcessClientHello(oldInitiator.CreateClientHello()));
        oldCompletion.Session.Dispose();

        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        responder.ProcessClientHello(initiator.CreateClientHello());
        var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientFinish(oldCompletion.ClientFinish)).Error;

        Assert.Equal(HandshakeError.BadSignature, error);
    }

    [Fact]
    public void Responder_InitiatorShardNotInManifest_IsUnknownPeer()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(local: 7, identity: cluster.Outsider);
        using var responder = cluster.NewResponder();

        var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(initiator.CreateClientHello())).Error;

        Assert.Equal(HandshakeError.UnknownPeer, error);
    }

    [Fact]
    public void Responder_InitiatorKeyDiffersFromManifest_IsWrongPeerKey()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(identity: cluster.Outsider);
        using var responder = cluster.NewResponder();

        var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(initiator.CreateClientHello())).Error;

        Assert.Equal(HandshakeError.WrongPeerKey, error);
    }

    [Fact]
    public void Responder_ClientHelloClaimingOwnShard_IsUnknownPeer()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(local: ChannelTestCluster.Responder, peer: ChannelTestCluster.Third);
        var reflected = HandshakeWire.WithResponderShard(initiator.CreateClientHello(), ChannelTestCluster.Responder);
        using var responder = cluster.NewResponder(local: ChannelTestCluster.Responder);

        Assert.Equal(HandshakeError.UnknownPeer, Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(reflected)).Error);
    }

    [Fact]
    public void Initiator_ExpectsAnotherResponderKey_IsWrongPeerKey()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(expectedPeerKey: cluster.Manifest[ChannelTestCluster.Third]);
        using var responder = cluster.NewResponder();

        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());
        var error = Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error;

        Assert.Equal(HandshakeError.WrongPeerKey, error);
    }

    [Fact]
    public void Responder_ClientHelloForAnotherCluster_IsWrongCluster()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(options: new HandshakeOptions(ChannelTestCluster.OtherClusterId));
        using var responder = cluster.NewResponder();

        var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(initiator.CreateClientHello())).Error;

        Assert.Equal(HandshakeError.WrongCluster, error);
    }

    [Fact]
    public void Responder_ClientHelloForAnotherShard_IsWrongResponder()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(peer: ChannelTestCluster.Third);
        using var responder = cluster.NewResponder();

        var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(initiator.CreateClientHello())).Error;

        Assert.Equal(HandshakeError.WrongResponder, error);
    }

    [Fact]
    public void Responder_NoCommonVersion_IsUnsupportedVersion()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator(options: new HandshakeOptions(cluster.Options.ClusterId) { SupportedVersions = [2, 3] });
        using var responder = cluster.NewResponder();

        var error = Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(initiator.CreateClientHello())).Error;

        Assert.Equal(HandshakeError.UnsupportedVersion, error);
    }

    [Fact]
    public void Handshake_SeveralCommonVersions_PicksTheHighest()
    {
        using var cluster = new ChannelTestCluster();
        var (initiator, responder) = cluster.Connect(
            new HandshakeOptions(cluster.Options.ClusterId) { SupportedVersions = [1, 2, 4] },
            new HandshakeOptions(cluster.Options.ClusterId) { SupportedVersions = [3, 2, 1] });
        using (initiator)
        using (responder)
        {
            Assert.Equal(2, initiator.ProtocolVersion);
            Assert.Equal(2, responder.ProtocolVersion);
        }
    }

    [Fact]
    public void Mitm_StripsHigherVersionFromClientHello_InitiatorRejectsDowngrade()
    {
        using var cluster = new ChannelTestCluster();
        var both = new HandshakeOptions(cluster.Options.ClusterId) { SupportedVersions = [2, 1] };
        using var initiator = cluster.NewInitiator(options: both);
        using var responder = cluster.NewResponder(options: both);
        var clientHello = initiator.CreateClientHello();

        // The attacker rewrites the offer [2, 1] into [1]; the responder, seeing only [1], honestly picks 1.
        var downgraded = HandshakeWire.WithOfferedVersions(clientHello, [1]);
        var serverHello = responder.ProcessClientHello(downgraded);
        var error = Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error;

        Assert.Equal(HandshakeError.BadSignature, error);
    }

    [Fact]
    public void Initiator_ServerHelloSelectsVersionNeverOffered_IsUnsupportedVersion()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());
        serverHello[2] = 9;

        Assert.Equal(HandshakeError.UnsupportedVersion, Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error);
    }

    [Fact]
    public void Responder_UnknownHandshakeFormat_IsUnsupportedVersion()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var clientHello = initiator.CreateClientHello();
        clientHello[1] = 2;

        Assert.Equal(HandshakeError.UnsupportedVersion, Assert.Throws<HandshakeException>(() => responder.ProcessClientHello(clientHello)).Error);
    }

    [Fact]
    public void Mitm_SubstitutesItsOwnKemKey_InitiatorRejectsServerHello()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var clientHello = initiator.CreateClientHello();

        // The attacker swaps in its own ephemeral key so it could decapsulate the responder's secret.
        using var attackerKem = CrossShard.Crypto.Kem.MlKemKeyPair.Generate();
        var forged = HandshakeWire.WithEphemeralKey(clientHello, attackerKem.EncapsulationKey.KeyBytes);
        var serverHello = responder.ProcessClientHello(forged);
        var error = Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error;

        Assert.Equal(HandshakeError.BadSignature, error);
    }

    [Fact]
    public void Mitm_AnswersAsResponderWithItsOwnKey_InitiatorRejects()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        var clientHello = initiator.CreateClientHello();

        // The attacker runs a real responder for shard 2 but has only its own signing key.
        using var attacker = new HandshakeResponder(cluster.Outsider, ChannelTestCluster.Responder, cluster.Resolve, cluster.Options);
        var serverHello = attacker.ProcessClientHello(clientHello);

        Assert.Equal(HandshakeError.WrongPeerKey, Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error);
    }

    [Fact]
    public void Mitm_ClaimsResponderFingerprintButSignsWithOwnKey_InitiatorRejects()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        var clientHello = initiator.CreateClientHello();
        using var attacker = new HandshakeResponder(cluster.Outsider, ChannelTestCluster.Responder, cluster.Resolve, cluster.Options);
        var serverHello = attacker.ProcessClientHello(clientHello);
        cluster.Manifest[ChannelTestCluster.Responder].Fingerprint.CopyTo(serverHello.AsSpan(36));

        Assert.Equal(HandshakeError.BadSignature, Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error);
    }

    [Fact]
    public void Mitm_ImpersonatesInitiatorWithOwnKemKeyAndSignature_ResponderRejects()
    {
        using var cluster = new ChannelTestCluster();
        using var responder = cluster.NewResponder();

        // The attacker dials as shard 1: it announces shard 1's manifest fingerprint but holds only its own key.
        using var attacker = cluster.NewInitiator(identity: new FingerprintLiar(cluster.Outsider, cluster.Manifest[ChannelTestCluster.Initiator]));
        var serverHello = responder.ProcessClientHello(attacker.CreateClientHello());
        var clientFinish = attacker.ProcessServerHello(serverHello);
        clientFinish.Session.Dispose();

        Assert.Equal(HandshakeError.BadSignature, Assert.Throws<HandshakeException>(() => responder.ProcessClientFinish(clientFinish.ClientFinish)).Error);
    }

    [Fact]
    public void Mitm_RelaysButSwapsKemKey_NeitherSideCompletes()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var clientHello = initiator.CreateClientHello();
        using var attackerKem = CrossShard.Crypto.Kem.MlKemKeyPair.Generate();
        var serverHello = responder.ProcessClientHello(HandshakeWire.WithEphemeralKey(clientHello, attackerKem.EncapsulationKey.KeyBytes));

        // The initiator refuses; a ClientFinish the attacker signs itself is refused by the responder.
        Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello));
        var forgedFinish = HandshakeWire.ClientFinish(cluster.Outsider.Sign(new byte[32], SignatureContext.Handshake));
        Assert.Equal(HandshakeError.BadSignature, Assert.Throws<HandshakeException>(() => responder.ProcessClientFinish(forgedFinish)).Error);
    }

    [Fact]
    public void Initiator_TamperedServerHelloCiphertext_IsBadSignature()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());
        serverHello[100] ^= 0x01;

        Assert.Equal(HandshakeError.BadSignature, Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(serverHello)).Error);
    }

    [Fact]
    public void Signatures_SwappedBetweenRoles_AreRejected()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());

        // The responder's own signature presented back to it as a ClientFinish (reflection) must not verify,
        // even though it is a valid signature by a manifest key over this very handshake.
        var reflected = HandshakeWire.ClientFinish(Signature.Decode(serverHello.AsSpan(1156)));
        Assert.Equal(HandshakeError.BadSignature, Assert.Throws<HandshakeException>(() => responder.ProcessClientFinish(reflected)).Error);
    }

    [Fact]
    public void FailedHandshake_CannotContinue()
    {
        using var cluster = new ChannelTestCluster();
        using var initiator = cluster.NewInitiator();
        using var responder = cluster.NewResponder();
        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());
        var tampered = (byte[])serverHello.Clone();
        tampered[^1] ^= 1;

        Assert.Throws<HandshakeException>(() => initiator.ProcessServerHello(tampered));
        Assert.Throws<InvalidOperationException>(() => initiator.ProcessServerHello(serverHello));
        Assert.Throws<InvalidOperationException>(() => responder.ProcessClientHello(serverHello));
    }

    /// <summary>An attacker's signer that announces someone else's public key but signs with its own.</summary>
    private sealed class FingerprintLiar(ISigner real, SignaturePublicKey claimed) : ISigner
    {
        public SignatureAlgorithm Algorithm => real.Algorithm;

        public SignaturePublicKey PublicKey => claimed;

        public Signature Sign(ReadOnlySpan<byte> message, SignatureContext context) => real.Sign(message, context);
    }
}
