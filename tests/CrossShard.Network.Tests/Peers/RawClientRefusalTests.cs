using CrossShard.Core.Ids;
using CrossShard.Crypto.Channels;
using CrossShard.Network.Peers;
using CrossShard.Network.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace CrossShard.Network.Tests.Peers;

/// <summary>Node 0 and 1 run; a raw client plays shard 2 (a manifest member without a node). Node 0's frame limit is 64 KiB.</summary>
public sealed class RawClientFixture : IAsyncLifetime
{
    public static readonly PeerNetworkOptions Options = PeerTestCluster.FastOptions with { MaxFrameBytes = 64 * 1024 };

    private int _marker;

    public PeerTestCluster Cluster { get; private set; } = null!;

    public PeerTestCluster.TestNode Target => Cluster[0];

    public async ValueTask InitializeAsync() => Cluster = await PeerTestCluster.StartAsync(3, Options, identityOnly: [2]);

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    public RawPeerClient Open() => RawPeerClient.Open(Target.Host.Endpoint);

    /// <summary>A raw client with a completed handshake as shard 2.</summary>
    public async Task<(RawPeerClient Client, SecureSession Session)> OpenSessionAsync()
    {
        var client = Open();
        var session = await client.HandshakeAsync(Cluster[2].Identity, 2, 0, Target.Identity.PublicKey, PeerTestCluster.DefaultClusterName, Options.MaxRecordPlaintextBytes);
        return (client, session);
    }

    /// <summary>Node 0 still takes envelopes from node 1 and has none from shard 2.</summary>
    public async Task AssertStillServingAsync()
    {
        var marker = Interlocked.Increment(ref _marker);
        Cluster[1].Send(0, TestEnvelope.Create(1, 0, marker));
        await Eventually.TrueAsync(() => Target.Sink.SequencesFrom(new ShardId(1)).Contains(marker), () => $"marker {marker} from node 1 after the refusal");
    }
}

/// <summary>Bad frames from a raw client close that stream with a typed status; the node keeps serving everyone else.</summary>
public sealed class RawClientRefusalTests(RawClientFixture fixture) : IClassFixture<RawClientFixture>
{
    private static readonly ShardId RawShard = new(2);

    private PeerNetworkStatistics Stats => fixture.Target.Stats;

    [Fact]
    public async Task ValidRawSession_DeliversItsEnvelopes_AsTheAuthenticatedShard()
    {
        var before = fixture.Target.Sink.CountFrom(RawShard);
        var (client, session) = await fixture.OpenSessionAsync();
        await using (client)
        using (session)
        {
            await client.SendSealedAsync(session.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 0, 1), TestEnvelope.Create(2, 0, 2, 500)), default));
            await client.SendSealedAsync(session.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 0, 3)), default));
            await Eventually.TrueAsync(() => fixture.Target.Sink.CountFrom(RawShard) == before + 3, () => "three envelopes from the raw client");
            await client.CompleteAsync();
        }

        Assert.Equal([1, 2, 3], fixture.Target.Sink.SequencesFrom(RawShard).Skip(before));
    }

    [Fact]
    public async Task SealedFrameBeforeTheHandshake_ClosesTheStream_FailedPrecondition()
    {
        var before = Stats.StreamsRefused(PeerStreamError.UnexpectedFrame);
        await using var client = fixture.Open();
        await client.SendSealedAsync(new byte[100]);

        var status = await client.ExpectClosedAsync();
        AssertRefused(status, StatusCode.FailedPrecondition, PeerStreamError.UnexpectedFrame, reason: null);
        Assert.Equal(before + 1, Stats.StreamsRefused(PeerStreamError.UnexpectedFrame));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task GarbageClientHello_RefusedAsMalformedHandshake_InvalidArgument()
    {
        var before = Stats.HandshakeFailures(HandshakeError.Truncated);
        await using var client = fixture.Open();
        await client.SendAsync(new PeerFrame { ClientHello = ByteString.CopyFrom(1, 1, 1, 0) });

        var status = await client.ExpectClosedAsync();
        AssertRefused(status, StatusCode.InvalidArgument, PeerStreamError.HandshakeRefused, nameof(HandshakeError.Truncated));
        Assert.Equal(before + 1, Stats.HandshakeFailures(HandshakeError.Truncated));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task TamperedRecord_ClosesTheStream_NothingDelivered()
    {
        var delivered = fixture.Target.Sink.CountFrom(RawShard);
        var (client, session) = await fixture.OpenSessionAsync();
        await using (client)
        using (session)
        {
            var record = session.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 0, 99)), default);
            record[SecureSession.HeaderSize + 2] ^= 0x40;
            await client.SendSealedAsync(record);

            var status = await client.ExpectClosedAsync();
            AssertRefused(status, StatusCode.InvalidArgument, PeerStreamError.RecordRejected, nameof(ChannelError.AuthenticationFailed));
        }

        Assert.Equal(delivered, fixture.Target.Sink.CountFrom(RawShard));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task ReplayedRecord_ClosesTheStream_AfterTheOriginalWasDelivered()
    {
        var delivered = fixture.Target.Sink.CountFrom(RawShard);
        var (client, session) = await fixture.OpenSessionAsync();
        await using (client)
        using (session)
        {
            var record = session.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 0, 7)), default);
            await client.SendSealedAsync(record);
            await client.SendSealedAsync(record);

            var status = await client.ExpectClosedAsync();
            AssertRefused(status, StatusCode.InvalidArgument, PeerStreamError.RecordRejected, nameof(ChannelError.Replayed));
        }

        Assert.Equal(delivered + 1, fixture.Target.Sink.CountFrom(RawShard));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task AuthenticRecordWithBrokenEnvelopeFraming_ClosesTheStream_MalformedBatch()
    {
        var delivered = fixture.Target.Sink.CountFrom(RawShard);
        var before = Stats.StreamsRefused(PeerStreamError.MalformedBatch);
        var (client, session) = await fixture.OpenSessionAsync();
        await using (client)
        using (session)
        {
            // The first envelope is fine; the second announces 1000 bytes but carries 10.
            var plaintext = RawPeerClient.Frame(TestEnvelope.Create(2, 0, 1), new byte[10]);
            plaintext[^14] = 0xE8;
            plaintext[^13] = 0x03;
            await client.SendSealedAsync(session.Seal(plaintext, default));

            var status = await client.ExpectClosedAsync();
            AssertRefused(status, StatusCode.InvalidArgument, PeerStreamError.MalformedBatch, reason: null);
        }

        // A record is all or nothing: not even its well-formed first envelope is delivered.
        Assert.Equal(delivered, fixture.Target.Sink.CountFrom(RawShard));
        Assert.Equal(before + 1, Stats.StreamsRefused(PeerStreamError.MalformedBatch));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task RecordJustOverTheFrameLimit_ClosesTheStream_ResourceExhausted()
    {
        var before = Stats.StreamsRefused(PeerStreamError.FrameTooLarge);
        var (client, session) = await fixture.OpenSessionAsync();
        await using (client)
        using (session)
        {
            await client.SendSealedAsync(new byte[RawClientFixture.Options.MaxFrameBytes + 1]);
            var status = await client.ExpectClosedAsync();
            AssertRefused(status, StatusCode.ResourceExhausted, PeerStreamError.FrameTooLarge, reason: null);
        }

        Assert.Equal(before + 1, Stats.StreamsRefused(PeerStreamError.FrameTooLarge));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task FrameFarOverTheGrpcLimit_BeforeTheHandshake_ClosesTheStream_ResourceExhausted()
    {
        var before = Stats.StreamsRefused(PeerStreamError.FrameTooLarge);
        await using var client = fixture.Open();
        await client.SendAsync(new PeerFrame { ClientHello = ByteString.CopyFrom(new byte[4 * RawClientFixture.Options.MaxFrameBytes]) });

        var status = await client.ExpectClosedAsync();
        AssertRefused(status, StatusCode.ResourceExhausted, PeerStreamError.FrameTooLarge, reason: null);
        Assert.Equal(before + 1, Stats.StreamsRefused(PeerStreamError.FrameTooLarge));
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task HandshakeFrameOverItsCap_ClosesTheStream_ResourceExhausted()
    {
        await using var client = fixture.Open();
        await client.SendAsync(new PeerFrame { ClientHello = ByteString.CopyFrom(new byte[PeerNetworkOptions.MaxHandshakeFrameBytes + 1]) });

        var status = await client.ExpectClosedAsync();
        AssertRefused(status, StatusCode.ResourceExhausted, PeerStreamError.FrameTooLarge, reason: null);
        await fixture.AssertStillServingAsync();
    }

    [Fact]
    public async Task NewerStreamFromTheSameShard_SupersedesTheOlderOne_Aborted()
    {
        var (older, olderSession) = await fixture.OpenSessionAsync();
        await using (older)
        using (olderSession)
        {
            // The client's handshake ends when it has written its ClientFinish, before the server has registered the
            // stream; a newer stream dialled at once could register first and be the one superseded. An envelope
            // delivered through the older stream proves it is registered.
            var delivered = fixture.Target.Sink.CountFrom(RawShard);
            await older.SendSealedAsync(olderSession.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 0, 41)), default));
            await Eventually.TrueAsync(() => fixture.Target.Sink.CountFrom(RawShard) == delivered + 1, () => "the older stream delivers");

            var (newer, newerSession) = await fixture.OpenSessionAsync();
            await using (newer)
            using (newerSession)
            {
                var status = await older.ExpectClosedAsync();
                AssertRefused(status, StatusCode.Aborted, PeerStreamError.Superseded, reason: null);

                var before = fixture.Target.Sink.CountFrom(RawShard);
                await newer.SendSealedAsync(newerSession.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 0, 42)), default));
                await Eventually.TrueAsync(() => fixture.Target.Sink.CountFrom(RawShard) == before + 1, () => "the newer stream still delivers");
                await newer.CompleteAsync();
            }
        }
    }

    private static void AssertRefused(RpcException status, StatusCode code, PeerStreamError error, string? reason)
    {
        Assert.Equal(code, status.StatusCode);
        Assert.Equal(error.ToString(), status.Trailers.GetValue("crossshard-error"));
        Assert.Equal(reason, status.Trailers.GetValue("crossshard-reason"));
    }
}
