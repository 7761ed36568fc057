using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;

namespace CrossShard.Network.Peers;

/// <summary>Registers a node's peer-link service with ASP.NET Core's gRPC server.</summary>
public static class PeerLinkServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC, <paramref name="network"/>'s <see cref="PeerLinkService"/> as a singleton, and message limits for
    /// that service matching <see cref="PeerNetworkOptions.MaxFrameBytes"/>; then map it with
    /// <c>app.MapGrpcService&lt;PeerLinkService&gt;()</c>.
    /// </summary>
    public static IGrpcServerBuilder AddPeerLinks(this IServiceCollection services, GrpcPeerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        services.AddSingleton(network.Service);
        return services.AddGrpc().AddServiceOptions<PeerLinkService>(o =>
        {
            o.MaxReceiveMessageSize = network.Options.MaxGrpcMessageBytes;
            o.MaxSendMessageSize = network.Options.MaxGrpcMessageBytes;
        });
    }
}
