using System.Text;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.Channels;

/// <summary>
/// Pins the wire contract: with fixed randomness and deterministic signing the whole handshake, key schedule
/// and rekey chain are deterministic, so any change to a layout, label or KDF input changes these values and
/// breaks compatibility with deployed peers. Update the constants only together with a version bump.
/// </summary>
public sealed class ChannelKnownAnswerTests
{
    private const string KdfExpected = "49116d10e7fdcd76f75b3eb65e86444b";
    private const string SessionIdExpected = "e19492f2d5ac1a9533729eb6a76a7c07e36ade3c0af3b270b11539b309252430";
    private const string RecordEpoch0Expected = "6420851a2d3c92489692ec15905aea48fc9762134dbe101ab0b5a1a103cfbf82";
    private const string RecordEpoch2Expected = "cbac8ee561e4c7e5bb372e85ab4e0e8a4c7e993e8f007256c3d8bb90595ee3d7";

    [Fact]
    public void Kdf_KnownAnswer()
    {
        var secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        var output = ChannelKdf.Derive(secret, "key", "context"u8, 16);

        Assert.Equal(KdfExpected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Kdf_EveryInputSeparatesOutputs()
    {
        var secret = new byte[32];
        var baseline = ChannelKdf.Derive(secret, "key", "ctx"u8, 32);

        Assert.NotEqual(baseline, ChannelKdf.Derive(secret, "kez", "ctx"u8, 32));
        Assert.NotEqual(baseline, ChannelKdf.Derive(secret, "key", "ctz"u8, 32));
        Assert.NotEqual(baseline, ChannelKdf.Derive([.. secret[..31], 1], "key", "ctx"u8, 32));
        Assert.NotEqual(baseline[..16], ChannelKdf.Derive(secret, "key", "ctx"u8, 16));

        // Moving a byte between label and context must not collide (length prefixes).
        Assert.NotEqual(ChannelKdf.Derive(secret, "ab", "c"u8, 32), ChannelKdf.Derive(secret, "a", "bc"u8, 32));
    }

    [Fact]
    public void Handshake_FixedRandomnessAndDeterministicSigning_GivesPinnedSessionAndRecords()
    {
        var signing = new SigningOptions { Mode = SigningMode.Deterministic };
        using var initiatorIdentity = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, Bytes(32, 0x10), signing);
        using var responderIdentity = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, Bytes(32, 0x20), signing);
        var clusterId = HandshakeOptions.ClusterIdFromName("kat");
        var limits = new SecureSessionOptions { RekeyAfterRecords = 2 };
        var initiatorOptions = new HandshakeOptions(clusterId) { Random = new FixedRandomNumberGenerator(Bytes(96, 0x30)), Session = limits };
        var responderOptions = new HandshakeOptions(clusterId) { Random = new FixedRandomNumberGenerator(Bytes(64, 0x90)), Session = limits };

        using var initiator = new HandshakeInitiator(initiatorIdentity, 1, 2, responderIdentity.PublicKey, initiatorOptions);
        var initiatorKey = initiatorIdentity.PublicKey;
        using var responder = new HandshakeResponder(responderIdentity, 2, id => id == 1 ? initiatorKey : null, responderOptions);
        var completion = initiator.ProcessServerHello(responder.ProcessClientHello(initiator.CreateClientHello()));
        using var session = completion.Session;
        using var peer = responder.ProcessClientFinish(completion.ClientFinish);

        var records = Enumerable.Range(0, 5).Select(i => session.Seal(Encoding.ASCII.GetBytes($"record {i}"), "ad"u8)).ToArray();
        foreach (var record in records)
        {
            peer.Open(record, "ad"u8);
        }

        Assert.Equal(SessionIdExpected, session.SessionId.ToString());
        Assert.Equal(RecordEpoch0Expected, Sha3.Hash(records[0]).ToString());
        Assert.Equal(RecordEpoch2Expected, Sha3.Hash(records[4]).ToString());
    }

    private static byte[] Bytes(int length, int start) => [.. Enumerable.Range(start, length).Select(i => (byte)i)];
}
