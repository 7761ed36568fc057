using CrossShard.Core.Ids;
using CrossShard.Crypto.Channels;
using CrossShard.Network.Protos;
using CrossShard.Transport;
using Google.Protobuf;
using Grpc.Core;

namespace CrossShard.Network.Peers;

/// <summary>
/// One accepted PeerLink.Open stream: the handshake as responder, then every sealed record opened, split and
/// handed to the sink under the handshake-authenticated peer shard. Anything out of place ends the stream with a
/// <see cref="PeerStreamFault"/>; the service turns it into a gRPC status.
/// </summary>
internal sealed class InboundPeerStream(
    PeerLinkContext context,
    InboundStreamRegistry registry,
    SemaphoreSlim handshakeSlots,
    Func<IEnvelopeSink?> sink,
    string remote)
{
    /// <summary>True once the handshake completed (so a failure after it is not a handshake failure).</summary>
    public bool Authenticated { get; private set; }

    /// <param name="requests">Frames from the dialler.</param>
    /// <param name="responses">Frames to the dialler (only the ServerHello).</param>
    /// <param name="streamEnd">Fires when the dialler goes away or the node stops serving.</param>
    public async Task RunAsync(IAsyncStreamReader<PeerFrame> requests, IServerStreamWriter<PeerFrame> responses, CancellationToken streamEnd)
    {
        if (sink() is null)
        {
            throw new PeerStreamFault(PeerStreamError.NotServing, null, "This node has no registered sink yet.");
        }

        if (!handshakeSlots.Wait(0, CancellationToken.None))
        {
            throw new PeerStreamFault(PeerStreamError.Busy, null, $"{context.Options.MaxConcurrentHandshakes} handshakes are already in progress.");
        }

        SecureSession session;
        try
        {
            session = await HandshakeAsync(requests, responses, streamEnd).ConfigureAwait(false);
        }
        finally
        {
            handshakeSlots.Release();
        }

        using (session)
        {
            Authenticated = true;
            var peer = new ShardId(session.PeerShardId);
            context.Statistics.SessionAccepted();
            PeerLog.StreamAccepted(context.Logger, context.Self, peer, remote);
            using var live = registry.Enter(peer, streamEnd);
            try
            {
                await ReceiveAsync(requests, session, peer, live.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (live.Superseded && !streamEnd.IsCancellationRequested)
            {
                throw new PeerStreamFault(PeerStreamError.Superseded, null, $"A newer stream from {peer} replaced this one.");
            }
        }
    }

    private async Task<SecureSession> HandshakeAsync(IAsyncStreamReader<PeerFrame> requests, IServerStreamWriter<PeerFrame> responses, CancellationToken streamEnd)
    {
        using var timeout = new CancellationTokenSource(context.Options.HandshakeTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(streamEnd, timeout.Token);
        using var responder = new HandshakeResponder(context.Identity, context.Self.Value, ResolvePeerKey, context.Handshake);
        try
        {
            var clientHello = await ReadHandshakeFrameAsync(requests, PeerFrame.BodyOneofCase.ClientHello, linked.Token).ConfigureAwait(false);
            var serverHello = responder.ProcessClientHello(clientHello.Span);
            await responses.WriteAsync(new PeerFrame { ServerHello = UnsafeByteOperations.UnsafeWrap(serverHello) }, linked.Token).ConfigureAwait(false);
            var clientFinish = await ReadHandshakeFrameAsync(requests, PeerFrame.BodyOneofCase.ClientFinish, linked.Token).ConfigureAwait(false);
            return responder.ProcessClientFinish(clientFinish.Span);
        }
        catch (HandshakeException ex)
        {
            context.Statistics.HandshakeFailed(ex.Error);
            throw PeerStreamFault.Handshake(ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !streamEnd.IsCancellationRequested)
        {
            throw new PeerStreamFault(PeerStreamError.HandshakeTimeout, null, $"No session within {context.Options.HandshakeTimeout}.", ex);
        }
    }

    private Crypto.Signing.SignaturePublicKey? ResolvePeerKey(int shard) =>
        context.Manifest.TryGetShard(new ShardId(shard), out var entry) ? entry.PublicKey : null;

    private static async Task<ByteString> ReadHandshakeFrameAsync(IAsyncStreamReader<PeerFrame> requests, PeerFrame.BodyOneofCase expected, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new PeerStreamFault(PeerStreamError.HandshakeAbandoned, null, $"The stream ended before its {expected} frame.");
        }

        var frame = requests.Current;
        if (frame.BodyCase != expected)
        {
            throw new PeerStreamFault(PeerStreamError.UnexpectedFrame, null, $"Expected a {expected} frame; got {frame.BodyCase}.");
        }

        var bytes = expected == PeerFrame.BodyOneofCase.ClientHello ? frame.ClientHello : frame.ClientFinish;
        return bytes.Length <= PeerNetworkOptions.MaxHandshakeFrameBytes
            ? bytes
            : throw new PeerStreamFault(PeerStreamError.FrameTooLarge, null, $"A {expected} frame of {bytes.Length} bytes; at most {PeerNetworkOptions.MaxHandshakeFrameBytes}.");
    }

    private async Task ReceiveAsync(IAsyncStreamReader<PeerFrame> requests, SecureSession session, ShardId peer, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var frame = requests.Current;
            if (frame.BodyCase != PeerFrame.BodyOneofCase.Sealed)
            {
                throw new PeerStreamFault(PeerStreamError.UnexpectedFrame, null, $"Expected a sealed frame after the handshake; got {frame.BodyCase}.");
            }

            var record = frame.Sealed;
            if (record.Length > context.Options.MaxFrameBytes)
            {
                throw new PeerStreamFault(PeerStreamError.FrameTooLarge, null, $"A record of {record.Length} bytes; at most {context.Options.MaxFrameBytes}.");
            }

            byte[] plaintext;
            try
            {
                plaintext = session.Open(record.Span, default);
            }
            catch (ChannelException ex)
            {
                throw PeerStreamFault.Record(ex);
            }

            var envelopes = PeerRecordFraming.Split(plaintext);
            context.Statistics.FrameReceived(record.Length);
            var target = sink() ?? throw new PeerStreamFault(PeerStreamError.NotServing, null, "This node's sink was unregistered.");
            foreach (var envelope in envelopes)
            {
                Deliver(target, peer, envelope);
            }
        }
    }

    private void Deliver(IEnvelopeSink target, ShardId peer, byte[] envelope)
    {
        try
        {
            target.Receive(peer, envelope);
            context.Statistics.EnvelopeReceived();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A sink must not throw; if it does, only this envelope is lost (the protocol retransmits), not the link.
            context.Statistics.SinkFailed();
            PeerLog.SinkFailed(context.Logger, ex, context.Self, peer);
        }
    }
}
