using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using CrossShard.Transport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Hosting;

/// <summary>
/// The seam where a hosted node's envelope transport is chosen, and what the server must map for it. A one-shard
/// cluster sends nothing between nodes, so an in-memory envelope network suffices; more shards need the gRPC peer
/// links (PeerLink in peer.proto), which this build does not have yet, so such a node refuses to start rather than
/// run without its peers.
/// </summary>
internal sealed class PeerWiring : IAsyncDisposable
{
    private PeerWiring(IEnvelopeNetwork envelopes, Action<IServiceCollection> addServices, Action<IEndpointRouteBuilder> map, IAsyncDisposable? owned)
    {
        Envelopes = envelopes;
        AddServices = addServices;
        Map = map;
        Owned = owned;
    }

    /// <summary>Carries this node's signed envelopes to its peers.</summary>
    public IEnvelopeNetwork Envelopes { get; }

    /// <summary>Registers the transport's services with the server.</summary>
    public Action<IServiceCollection> AddServices { get; }

    /// <summary>Maps the transport's gRPC service, if it has one.</summary>
    public Action<IEndpointRouteBuilder> Map { get; }

    private IAsyncDisposable? Owned { get; }

    /// <summary>The transport of node <paramref name="self"/> in the cluster of <paramref name="manifest"/>.</summary>
    /// <exception cref="NodeHostException">The cluster needs peer links this build does not have.</exception>
    public static PeerWiring Create(ShardId self, ClusterManifest manifest, ISigner identity, ILoggerFactory loggers, TimeProvider time)
    {
        _ = self;
        _ = identity;
        _ = loggers;
        _ = time;
        if (manifest.ShardCount == 1)
        {
            return new PeerWiring(new InMemoryEnvelopeNetwork(), static _ => { }, static _ => { }, null);
        }

        throw new NodeHostException(
            $"{manifest} has {manifest.ShardCount} shards, but this build has no gRPC peer links between nodes; only one-shard clusters can run as processes");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
