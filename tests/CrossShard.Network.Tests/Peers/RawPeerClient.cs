using System.Buffers.Binary;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;
using CrossShard.Network.Protos;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CrossShard.Network.Tests.Peers;

/// <summary>
/// A hand-driven PeerLink client written from docs/wire-grpc.md (not from the production code), so tests can
/// send exactly the frames they want: valid ones to prove it speaks the protocol, bad ones to prove they are refused.
/// </summary>
public sealed class RawPeerClient : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<PeerFrame, PeerFrame> _call;

    private RawPeerClient(string endpoint)
    {
        // No client-side size limits: the server's limits are what is under test.
        _channel = GrpcChannel.ForAddress("http://" + endpoint, new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
        _call = new PeerLink.PeerLinkClient(_channel).Open(cancellationToken: TestContext.Current.CancellationToken);
    }

    public static RawPeerClient Open(string endpoint) => new(endpoint);

    public async Task SendAsync(PeerFrame frame)
    {
        try
        {
            await _call.RequestStream.WriteAsync(frame);
        }
        catch (RpcException)
        {
            // The server may already have closed the call; the status is read by ExpectClosedAsync.
        }
    }

    public Task SendSealedAsync(byte[] record) => SendAsync(new PeerFrame { Sealed = ByteString.CopyFrom(record) });

    /// <summary>Runs the handshake of docs/handshake.md as <paramref name="self"/> and returns the initiator's session.</summary>
    public async Task<SecureSession> HandshakeAsync(ISigner identity, int self, int peer, SignaturePublicKey peerKey, string clusterName, int maxRecordSize)
    {
        var options = new HandshakeOptions(HandshakeOptions.ClusterIdFromName(clusterName)) { Session = new SecureSessionOptions { MaxRecordSize = maxRecordSize } };
        using var initiator = new HandshakeInitiator(identity, self, peer, peerKey, options);
        await _call.RequestStream.WriteAsync(new PeerFrame { ClientHello = ByteString.CopyFrom(initiator.CreateClientHello()) });
        Assert.True(await MoveNextBoundedAsync("the ServerHello"));
        Assert.Equal(PeerFrame.BodyOneofCase.ServerHello, _call.ResponseStream.Current.BodyCase);
        var done = initiator.ProcessServerHello(_call.ResponseStream.Current.ServerHello.Span);
        await _call.RequestStream.WriteAsync(new PeerFrame { ClientFinish = ByteString.CopyFrom(done.ClientFinish) });
        return done.Session;
    }

    /// <summary>Sends a valid ClientHello and reads the ServerHello, then stops: the listener waits for a ClientFinish that never comes.</summary>
    public async Task HelloOnlyAsync(ISigner identity, int self, int peer, SignaturePublicKey peerKey, string clusterName)
    {
        using var initiator = new HandshakeInitiator(identity, self, peer, peerKey, new HandshakeOptions(HandshakeOptions.ClusterIdFromName(clusterName)));
        await _call.RequestStream.WriteAsync(new PeerFrame { ClientHello = ByteString.CopyFrom(initiator.CreateClientHello()) });
        Assert.True(await MoveNextBoundedAsync("the ServerHello"));
        Assert.Equal(PeerFrame.BodyOneofCase.ServerHello, _call.ResponseStream.Current.BodyCase);
    }

    /// <summary>The status the server closed the stream with; fails the test if it does not close it with an error.</summary>
    public async Task<RpcException> ExpectClosedAsync()
    {
        try
        {
            var more = await MoveNextBoundedAsync("the stream to close");
            Assert.Fail($"Expected the server to close the stream with an error; it {(more ? "sent a frame" : "ended it cleanly")}.");
            throw new InvalidOperationException("unreachable");
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }

    // Bounded: a server that never answers (or never closes) fails the test instead of hanging the run.
    private async Task<bool> MoveNextBoundedAsync(string waitingFor)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ResponseTimeout);
        try
        {
            return await _call.ResponseStream.MoveNext(timeout.Token);
        }
        catch (Exception ex) when ((ex is RpcException or OperationCanceledException) && timeout.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Waited {ResponseTimeout.TotalSeconds:F0} s for {waitingFor}; the server kept the stream open and silent.");
            throw new InvalidOperationException("unreachable");
        }
    }

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Completes the request stream and waits for the server's clean end of the call.</summary>
    public async Task CompleteAsync()
    {
        await _call.RequestStream.CompleteAsync();
        Assert.False(await MoveNextBoundedAsync("the stream's clean end"));
        Assert.Equal(StatusCode.OK, _call.GetStatus().StatusCode);
    }

    /// <summary>Record plaintext per docs/wire-grpc.md: every envelope as u32 little-endian length, then its bytes.</summary>
    public static byte[] Frame(params byte[][] envelopes)
    {
        var plaintext = new byte[envelopes.Sum(e => 4 + e.Length)];
        var offset = 0;
        foreach (var envelope in envelopes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(plaintext.AsSpan(offset), (uint)envelope.Length);
            envelope.CopyTo(plaintext, offset + 4);
            offset += 4 + envelope.Length;
        }

        return plaintext;
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
