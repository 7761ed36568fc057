using CrossShard.Core.Ids;
using CrossShard.Core.Timing;
using CrossShard.Crypto.Signing;
using CrossShard.Network.Peers;
using CrossShard.Node.Manifest;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Tests.Peers;

/// <summary>
/// N nodes on loopback, each with its own Kestrel host, identity, GrpcPeerNetwork and recording sink. Ports are
/// bound first, then the manifest is written with them, then the networks are created (and start dialling).
/// </summary>
public sealed class PeerTestCluster : IAsyncDisposable
{
    public const string DefaultClusterName = "peer-test";

    private readonly TestNode[] _nodes;
    private readonly ILoggerFactory _loggerFactory;

    private PeerTestCluster(TestNode[] nodes, ClusterManifest manifest, PeerNetworkOptions options, ILoggerFactory loggerFactory)
    {
        _nodes = nodes;
        Manifest = manifest;
        Options = options;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Short back-off so reconnect tests run fast.</summary>
    public static PeerNetworkOptions FastOptions { get; } = new()
    {
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(250),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>The manifest with every node (what <c>manifestFor</c> was given).</summary>
    public ClusterManifest Manifest { get; }

    public PeerNetworkOptions Options { get; }

    public TestNode this[int shard] => _nodes[shard];

    /// <summary>Starts <paramref name="nodes"/> nodes.</summary>
    /// <param name="nodes">How many.</param>
    /// <param name="options">Every node's options (default <see cref="FastOptions"/>).</param>
    /// <param name="stopped">Nodes whose host is bound then stopped: in the manifest, not listening until <see cref="TestNode.StartHostAsync"/>.</param>
    /// <param name="identityOnly">Nodes that get an identity and a (stopped) endpoint but no network: raw clients play them.</param>
    /// <param name="manifestFor">The manifest node i uses, given the full one (default: the full one).</param>
    public static async Task<PeerTestCluster> StartAsync(
        int nodes,
        PeerNetworkOptions? options = null,
        IReadOnlyCollection<int>? stopped = null,
        IReadOnlyCollection<int>? identityOnly = null,
        Func<int, ClusterManifest, ClusterManifest>? manifestFor = null)
    {
        options ??= FastOptions;
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider()).SetMinimumLevel(LogLevel.Information).AddFilter("Grpc", LogLevel.Warning));
        var testNodes = new TestNode[nodes];
        for (var i = 0; i < nodes; i++)
        {
            testNodes[i] = new TestNode(i, NodeIdentity.Generate(), options, loggerFactory);
            await testNodes[i].BindAsync();
        }

        var manifest = new ClusterManifest(
            DefaultClusterName,
            ["crossshard/1"],
            allowLegacy: false,
            testNodes.Select(n => new ManifestShard(n.Shard.Value, n.Host.Endpoint, n.Identity.PublicKey)));
        foreach (var node in testNodes)
        {
            if (stopped?.Contains(node.Shard.Value) == true || identityOnly?.Contains(node.Shard.Value) == true)
            {
                await node.Host.StopAsync();
            }

            if (identityOnly?.Contains(node.Shard.Value) != true)
            {
                node.CreateNetwork(manifestFor?.Invoke(node.Shard.Value, manifest) ?? manifest);
            }
        }

        return new PeerTestCluster(testNodes, manifest, options, loggerFactory);
    }

    /// <summary>A copy of <paramref name="manifest"/> with the given changes.</summary>
    public static ClusterManifest Rewrite(ClusterManifest manifest, string? clusterName = null, int? shardCount = null, Func<ManifestShard, ManifestShard>? shard = null) =>
        new(
            clusterName ?? manifest.ClusterId,
            manifest.ProtocolVersions,
            manifest.AllowLegacy,
            manifest.Shards.Take(shardCount ?? manifest.ShardCount).Select(s => shard?.Invoke(s) ?? s));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _loggerFactory.Dispose();
    }

    /// <summary>One node: identity, host, network (replaceable, for restarts) and sink.</summary>
    public sealed class TestNode(int shard, NodeIdentity identity, PeerNetworkOptions options, ILoggerFactory loggerFactory) : IAsyncDisposable
    {
        private PeerTestHost? _host;
        private ClusterManifest? _manifest;

        public ShardId Shard { get; } = new(shard);

        public NodeIdentity Identity { get; } = identity;

        public PeerTestHost Host => _host ?? throw new InvalidOperationException("not bound");

        public GrpcPeerNetwork Network { get; private set; } = null!;

        public RecordingSink Sink { get; private set; } = new();

        public PeerNetworkStatistics Stats => Network.Statistics;

        public async Task BindAsync() => _host = await PeerTestHost.StartAsync(() => Network.Service, options);

        public void CreateNetwork(ClusterManifest manifest)
        {
            _manifest = manifest;
            Network = new GrpcPeerNetwork(Shard, manifest, Identity, options, loggerFactory, TimeProvider.System, new SeededRandom(Shard.Value));
            Sink = new RecordingSink();
            Network.Register(Shard, Sink);
        }

        public Task StartHostAsync() => Host.StartAsync();

        /// <summary>A process restart: the network and host go away, then come back (same identity, manifest and port) with an empty sink.</summary>
        public async Task RestartAsync()
        {
            await Network.DisposeAsync();
            await Host.StopAsync();
            CreateNetwork(_manifest!);
            await Host.StartAsync();
        }

        public void Send(int to, byte[] envelope) => Network.Send(Shard, new ShardId(to), envelope);

        public async ValueTask DisposeAsync()
        {
            if (Network is not null)
            {
                await Network.DisposeAsync();
            }

            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            Identity.Dispose();
        }
    }
}
