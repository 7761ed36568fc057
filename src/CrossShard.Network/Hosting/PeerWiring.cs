using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using System.Security.Cryptography;
using CrossShard.Core.Timing;
using CrossShard.Network.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Hosting;

/// <summary>
/// The seam where a hosted node's envelope transport is chosen, and what the server must map for it: the gRPC peer
/// links (PeerLink in peer.proto), one authenticated, encrypted stream per ordered pair of nodes, dialled at the
/// manifest endpoints.
/// </summary>
internal sealed class PeerWiring : IAsyncDisposable
{
    private GrpcPeerNetwork? _network;

    private PeerWiring(GrpcPeerNetwork network)
    {
        _network = network;
        Network = network;
    }

    /// <summary>Carries this node's signed envelopes to its peers.</summary>
    public GrpcPeerNetwork Network { get; }

    /// <summary>Registers the peer-link service (and gRPC) with the server.</summary>
    public void AddServices(IServiceCollection services) => services.AddPeerLinks(Network);

    /// <summary>Maps the peer-link service on the node's gRPC port.</summary>
    public void Map(IEndpointRouteBuilder endpoints, int port) => endpoints.MapGrpcService<PeerLinkService>().RequireHost($"*:{port}");

    /// <summary>The transport of node <paramref name="self"/> in the cluster of <paramref name="manifest"/>.</summary>
    public static PeerWiring Create(ShardId self, ClusterManifest manifest, ISigner identity, ILoggerFactory loggers, TimeProvider time) =>
        new(new GrpcPeerNetwork(self, manifest, identity, new PeerNetworkOptions(), loggers, time, new SeededRandom(RandomNumberGenerator.GetInt32(int.MaxValue))));

    /// <summary>Closes every peer stream; only the first call does anything.</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _network, null)?.DisposeAsync() ?? ValueTask.CompletedTask;
}
