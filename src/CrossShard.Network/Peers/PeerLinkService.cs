using CrossShard.Network.Protos;
using CrossShard.Transport;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrossShard.Network.Peers;

/// <summary>
/// The listening side of a node's peer links (gRPC service <c>crossshard.v1.PeerLink</c>): authenticates each
/// dialling node with the session handshake and hands its envelopes to the node's sink. Get it from
/// <see cref="GrpcPeerNetwork.Service"/>, register it as a singleton and map it with <c>MapGrpcService</c>.
/// </summary>
/// <remarks>
/// Every refused stream ends with an <see cref="RpcException"/> whose status and <c>crossshard-error</c> /
/// <c>crossshard-reason</c> trailers say why (docs/wire-grpc.md, "Errors"); it is counted in
/// <see cref="GrpcPeerNetwork.Statistics"/> and logged at most once per source and reason per interval. No
/// exception other than an <see cref="RpcException"/> leaves this service.
/// </remarks>
public sealed class PeerLinkService : PeerLink.PeerLinkBase
{
    private readonly PeerLinkContext _context;
    private readonly Func<IEnvelopeSink?> _sink;
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _handshakeSlots;
    private readonly InboundStreamRegistry _registry = new();
    private readonly LogThrottle<(string Remote, PeerStreamError Error, string? Reason)> _refusalLog;
    private int _limitChecked;

    internal PeerLinkService(PeerLinkContext context, Func<IEnvelopeSink?> sink, CancellationToken stopping)
    {
        _context = context;
        _sink = sink;
        _stopping = stopping;
        _handshakeSlots = new SemaphoreSlim(context.Options.MaxConcurrentHandshakes, context.Options.MaxConcurrentHandshakes);
        _refusalLog = new(context.Time, context.Options.LogInterval);
    }

    /// <summary>Serves one dialling node's stream until it ends, the node stops, or the stream breaks a rule.</summary>
    public override async Task Open(IAsyncStreamReader<PeerFrame> requestStream, IServerStreamWriter<PeerFrame> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = RequestServices(context);
        CheckServerLimitOnce(services);
        var appStopping = services?.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var streamEnd = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping, appStopping);
        var remote = context.Peer ?? "unknown";
        var stream = new InboundPeerStream(_context, _registry, _handshakeSlots, _sink, remote);
        try
        {
            await stream.RunAsync(requestStream, responseStream, streamEnd.Token).ConfigureAwait(false);
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            // The dialler went away; nobody is left to read a status.
            if (!stream.Authenticated)
            {
                _context.Statistics.StreamRefused(PeerStreamError.HandshakeAbandoned);
            }
        }
        catch (PeerStreamFault fault)
        {
            throw Refuse(remote, fault);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            // gRPC itself refused a message above MaxReceiveMessageSize before this service saw it.
            throw Refuse(remote, new PeerStreamFault(PeerStreamError.FrameTooLarge, null, ex.Status.Detail, ex));
        }
        catch (OperationCanceledException ex) when (streamEnd.IsCancellationRequested)
        {
            throw Refuse(remote, new PeerStreamFault(PeerStreamError.NotServing, null, "This node is shutting down.", ex));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug or a broken connection: close this stream only, with a status rather than an unhandled exception.
            PeerLog.StreamCrashed(_context.Logger, ex, _context.Self, remote);
            throw new RpcException(new Status(StatusCode.Internal, "The peer stream failed; see the listener's log."));
        }
    }

    private RpcException Refuse(string remote, PeerStreamFault fault)
    {
        _context.Statistics.StreamRefused(fault.Error);
        // Keyed by address without the port: a client that redials gets a new port every time.
        var source = remote.LastIndexOf(':') is var colon and > 0 ? remote[..colon] : remote;
        if (_refusalLog.ShouldLog((source, fault.Error, fault.Reason), out var suppressed))
        {
            PeerLog.StreamRefused(_context.Logger, _context.Self, remote, fault.Error, fault.Reason, fault.Message, suppressed);
        }

        return fault.ToRpcException();
    }

    private static IServiceProvider? RequestServices(ServerCallContext context)
    {
        try
        {
            return context.GetHttpContext().RequestServices;
        }
        catch (InvalidOperationException)
        {
            // Not hosted by ASP.NET Core (e.g. a test calling the service directly): no host to ask.
            return null;
        }
    }

    // A host that calls AddGrpc() without AddPeerLinks keeps gRPC's 4 MB default and would refuse large records.
    private void CheckServerLimitOnce(IServiceProvider? services)
    {
        if (services is null || Interlocked.Exchange(ref _limitChecked, 1) != 0)
        {
            return;
        }

        var limit = services.GetService<IOptions<GrpcServiceOptions<PeerLinkService>>>()?.Value.MaxReceiveMessageSize;
        if (limit is { } value && value < _context.Options.MaxGrpcMessageBytes)
        {
            PeerLog.ServerLimitTooSmall(_context.Logger, _context.Self, limit, _context.Options.MaxGrpcMessageBytes);
        }
    }
}
