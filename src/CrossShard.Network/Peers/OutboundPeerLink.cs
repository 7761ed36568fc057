using CrossShard.Core.Timing;
using CrossShard.Crypto.Channels;
using CrossShard.Network.Protos;
using CrossShard.Node.Manifest;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CrossShard.Network.Peers;

/// <summary>
/// One node's link to one peer: dial, handshake as initiator, then drain the peer's queue into sealed records,
/// coalescing whatever is waiting into one record per write. Any failure ends the session; the loop backs off
/// (exponential, jittered) and dials again, while envelopes sent meanwhile wait in the bounded queue.
/// </summary>
/// <remarks>
/// One writer per session: SecureSession requires records to reach the peer in sealing order, and the loop seals
/// and writes on one task. A session whose sequence or epoch runs out fails like any other and is replaced by a
/// new handshake.
/// </remarks>
internal sealed class OutboundPeerLink : IAsyncDisposable
{
    private readonly PeerLinkContext _context;
    private readonly ManifestShard _peer;
    private readonly GrpcChannel _channel;
    private readonly PeerLink.PeerLinkClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly LogThrottle<bool> _failureLog;
    private Task _loop = Task.CompletedTask;
    private int _state = (int)PeerLinkState.Connecting;

    public OutboundPeerLink(PeerLinkContext context, ManifestShard peer)
    {
        _context = context;
        _peer = peer;
        _failureLog = new LogThrottle<bool>(context.Time, context.Options.LogInterval);
        Outbox = new PeerOutbox(context.Options.MaxQueuedEnvelopes, context.Options.MaxQueuedBytes);
        _channel = PeerChannelFactory.Create(peer.Endpoint, context.Options, context.LoggerFactory);
        _client = new PeerLink.PeerLinkClient(_channel);
    }

    /// <summary>Envelopes waiting for this peer.</summary>
    public PeerOutbox Outbox { get; }

    public PeerLinkState State => (PeerLinkState)Volatile.Read(ref _state);

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _channel.Dispose();
        _stop.Dispose();
    }

    private void SetState(PeerLinkState state) => Volatile.Write(ref _state, (int)state);

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = new Backoff(_context.Options.ReconnectBaseDelay, _context.Options.ReconnectMaxDelay);
        var failures = 0;
        var everFailed = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                SetState(PeerLinkState.Connecting);
                using var call = _client.Open(cancellationToken: stop);
                SetState(PeerLinkState.Handshaking);
                using var session = await HandshakeAsync(call, stop).ConfigureAwait(false);
                SetState(PeerLinkState.Connected);
                _context.Statistics.SessionEstablished(afterFailure: everFailed);
                PeerLog.LinkUp(_context.Logger, _context.Self, _peer.ShardId, session.ProtocolVersion, failures);
                failures = 0;
                _failureLog.Reset(true);
                await RunSessionAsync(call, session, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Every failure of a dial or a session is survivable: the link backs off and dials again.
                failures++;
                everFailed = true;
                _context.Statistics.OutboundFailed();
                if (_failureLog.ShouldLog(true, out var suppressed))
                {
                    PeerLog.LinkFailed(_context.Logger, _context.Self, _peer.ShardId, _peer.Endpoint, Describe(ex), suppressed);
                }
            }

            SetState(PeerLinkState.BackingOff);
            try
            {
                await Task.Delay(backoff.DelayFor(failures - 1, _context.Random), _context.Time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        SetState(PeerLinkState.Stopped);
    }

    private async Task<SecureSession> HandshakeAsync(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_context.Options.HandshakeTimeout, _context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        using var initiator = new HandshakeInitiator(_context.Identity, _context.Self.Value, _peer.Id, _peer.PublicKey, _context.Handshake);
        try
        {
            var clientHello = initiator.CreateClientHello();
            await call.RequestStream.WriteAsync(new PeerFrame { ClientHello = UnsafeByteOperations.UnsafeWrap(clientHello) }, linked.Token).ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(linked.Token).ConfigureAwait(false))
            {
                throw new PeerStreamFault(PeerStreamError.HandshakeAbandoned, null, "The peer ended the stream without a ServerHello.");
            }

            var frame = call.ResponseStream.Current;
            if (frame.BodyCase != PeerFrame.BodyOneofCase.ServerHello)
            {
                throw new PeerStreamFault(PeerStreamError.UnexpectedFrame, null, $"Expected a server_hello frame; got {frame.BodyCase}.");
            }

            var completion = initiator.ProcessServerHello(frame.ServerHello.Span);
            try
            {
                await call.RequestStream.WriteAsync(new PeerFrame { ClientFinish = UnsafeByteOperations.UnsafeWrap(completion.ClientFinish) }, linked.Token).ConfigureAwait(false);
            }
            catch
            {
                completion.Session.Dispose();
                throw;
            }

            return completion.Session;
        }
        catch (HandshakeException ex)
        {
            _context.Statistics.HandshakeFailed(ex.Error);
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            throw new PeerStreamFault(PeerStreamError.HandshakeTimeout, null, $"No session within {_context.Options.HandshakeTimeout}.", ex);
        }
    }

    // Runs until the session breaks (throws) or the network stops (returns).
    private async Task RunSessionAsync(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call, SecureSession session, CancellationToken stop)
    {
        using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var watch = WatchForCloseAsync(call.ResponseStream, sessionEnd.Token);
        var pump = PumpAsync(call.RequestStream, session, sessionEnd.Token);
        await Task.WhenAny(watch, pump).ConfigureAwait(false);
        await sessionEnd.CancelAsync().ConfigureAwait(false);
        var watchError = await FailureOf(watch).ConfigureAwait(false);
        var pumpError = await FailureOf(pump).ConfigureAwait(false);
        if (stop.IsCancellationRequested)
        {
            return;
        }

        // The listener's status says why it closed the stream; the writer only sees a broken call, so prefer the former.
        throw watchError ?? pumpError ?? new PeerStreamFault(PeerStreamError.HandshakeAbandoned, null, "The session ended without an error.");
    }

    // The listener never sends after its ServerHello, so the response stream only ever ends: that is how a
    // refusal, a shutdown or a broken connection shows up while the link is idle.
    private static async Task WatchForCloseAsync(IAsyncStreamReader<PeerFrame> responses, CancellationToken cancellationToken)
    {
        if (await responses.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new PeerStreamFault(PeerStreamError.UnexpectedFrame, null, $"The peer sent a {responses.Current.BodyCase} frame after the handshake.");
        }

        throw new PeerStreamFault(PeerStreamError.NotServing, null, "The peer closed the stream.");
    }

    private async Task PumpAsync(IClientStreamWriter<PeerFrame> requests, SecureSession session, CancellationToken cancellationToken)
    {
        var batch = new List<byte[]>();
        while (true)
        {
            await Outbox.WaitAsync(cancellationToken).ConfigureAwait(false);
            var framed = Outbox.TakeBatch(batch, _context.Options.BatchPlaintextBytes);
            try
            {
                var record = session.Seal(PeerRecordFraming.Encode(batch, framed), default);
                await requests.WriteAsync(new PeerFrame { Sealed = UnsafeByteOperations.UnsafeWrap(record) }, cancellationToken).ConfigureAwait(false);
                _context.Statistics.FrameSent(batch.Count, record.Length);
            }
            catch
            {
                // Whether the peer got these is unknown; resending could duplicate them, so they count as lost.
                _context.Statistics.InFlightLost(batch.Count);
                throw;
            }

            batch.Clear();
        }
    }

    private static async Task<Exception?> FailureOf(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        RpcException rpc => rpc.Trailers.GetValue(PeerStreamFault.ErrorTrailer) is { } error
            ? $"refused by the peer: {error} {rpc.Trailers.GetValue(PeerStreamFault.ReasonTrailer)} ({rpc.StatusCode}: {rpc.Status.Detail})"
            : $"{rpc.StatusCode}: {rpc.Status.Detail}",
        HandshakeException handshake => $"handshake refused here: {handshake.Error}: {handshake.Message}",
        ChannelException channel => $"session failed: {channel.Error}: {channel.Message}",
        PeerStreamFault fault => $"{fault.Error}: {fault.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
