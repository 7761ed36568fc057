using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Channels;

/// <summary>A tiny manifest: shard ids 1..3 with ML-DSA identities, plus helpers that run handshakes in memory.</summary>
internal sealed class ChannelTestCluster : IDisposable
{
    public const int Initiator = 1;
    public const int Responder = 2;
    public const int Third = 3;

    private static readonly Lazy<NodeIdentity[]> SharedIdentities = new(() =>
        [.. Enumerable.Range(0, 4).Select(i => NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, Enumerable.Repeat((byte)(i + 1), 32).ToArray()))]);

    private readonly bool _ownsIdentities;

    public ChannelTestCluster(HandshakeOptions? options = null, SignatureAlgorithm? algorithm = null)
    {
        _ownsIdentities = algorithm is not null;
        Options = options ?? new HandshakeOptions(HandshakeOptions.ClusterIdFromName("test-cluster"));
        Identities = algorithm is { } a
            ? [.. Enumerable.Range(0, 4).Select(_ => NodeIdentity.Generate(a))]
            : SharedIdentities.Value;
        Manifest = new Dictionary<int, SignaturePublicKey>
        {
            [Initiator] = Identities[Initiator].PublicKey,
            [Responder] = Identities[Responder].PublicKey,
            [Third] = Identities[Third].PublicKey,
        };
    }

    public static Hash256 OtherClusterId { get; } = HandshakeOptions.ClusterIdFromName("other-cluster");

    public HandshakeOptions Options { get; }

    /// <summary>Index = shard id; index 0 is an outsider whose key is in no manifest.</summary>
    public NodeIdentity[] Identities { get; }

    public Dictionary<int, SignaturePublicKey> Manifest { get; }

    public NodeIdentity Outsider => Identities[0];

    public SignaturePublicKey? Resolve(int shardId) => Manifest.GetValueOrDefault(shardId);

    public HandshakeInitiator NewInitiator(int local = Initiator, int peer = Responder, HandshakeOptions? options = null, ISigner? identity = null, SignaturePublicKey? expectedPeerKey = null) =>
        new(identity ?? Identities[local], local, peer, expectedPeerKey ?? Manifest[peer], options ?? Options);

    public HandshakeResponder NewResponder(int local = Responder, HandshakeOptions? options = null, ISigner? identity = null) =>
        new(identity ?? Identities[local], local, Resolve, options ?? Options);

    /// <summary>Runs a whole handshake; returns (initiator session, responder session).</summary>
    public (SecureSession Initiator, SecureSession Responder) Connect(HandshakeOptions? initiatorOptions = null, HandshakeOptions? responderOptions = null)
    {
        using var initiator = NewInitiator(options: initiatorOptions);
        using var responder = NewResponder(options: responderOptions);
        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());
        var completion = initiator.ProcessServerHello(serverHello);
        var responderSession = responder.ProcessClientFinish(completion.ClientFinish);
        return (completion.Session, responderSession);
    }

    public void Dispose()
    {
        if (_ownsIdentities)
        {
            foreach (var identity in Identities)
            {
                identity.Dispose();
            }
        }
    }
}
