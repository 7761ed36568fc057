using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Peers;

/// <summary>Builds the gRPC channel a node dials one peer with: HTTP/2 over plain TCP (h2c), keep-alive pings, frame limits from the options.</summary>
internal static class PeerChannelFactory
{
    /// <summary>A channel to <paramref name="endpoint"/> (<c>host:port</c>, IPv6 in brackets, as in the manifest).</summary>
    /// <remarks>Plain TCP is enough: every byte after the handshake is an AES-GCM record, and the handshake authenticates both ends.</remarks>
    public static GrpcChannel Create(string endpoint, PeerNetworkOptions options, ILoggerFactory loggerFactory)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            // Pings find a dead peer (no FIN/RST) while the link is idle; the stream then fails and is redialled.
            KeepAlivePingDelay = options.KeepAliveInterval,
            KeepAlivePingTimeout = options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = options.HandshakeTimeout,
        };
        return GrpcChannel.ForAddress(new Uri("http://" + endpoint), new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            Credentials = ChannelCredentials.Insecure,
            MaxSendMessageSize = options.MaxGrpcMessageBytes,
            // The listener only ever sends its ServerHello.
            MaxReceiveMessageSize = PeerNetworkOptions.MaxHandshakeFrameBytes + PeerNetworkOptions.FrameEncodingOverhead,
            ThrowOperationCanceledOnCancellation = true,
            LoggerFactory = loggerFactory,
        });
    }
}
