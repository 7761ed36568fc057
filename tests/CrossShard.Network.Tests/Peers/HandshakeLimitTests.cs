using CrossShard.Network.Peers;
using CrossShard.Network.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace CrossShard.Network.Tests.Peers;

/// <summary>A listener bounds unauthenticated work: handshakes in progress are capped and each must finish in time.</summary>
public sealed class HandshakeLimitTests
{
    [Fact]
    public async Task StalledHandshake_HoldsTheOnlySlot_OthersAreBusy_UntilItTimesOut()
    {
        var options = PeerTestCluster.FastOptions with { MaxConcurrentHandshakes = 1, HandshakeTimeout = TimeSpan.FromMilliseconds(500) };
        // Node 1 runs alone; shards 0 and 2 have no node, so nothing else dials it.
        await using var cluster = await PeerTestCluster.StartAsync(3, options, identityOnly: [0, 2]);
        var target = cluster[1];

        // A dialler that never sends its ClientFinish holds the one handshake slot once its ServerHello came back.
        await using var stalled = RawPeerClient.Open(target.Host.Endpoint);
        await stalled.HelloOnlyAsync(cluster[0].Identity, 0, 1, target.Identity.PublicKey, PeerTestCluster.DefaultClusterName);
        await using var second = RawPeerClient.Open(target.Host.Endpoint);
        await second.SendAsync(new PeerFrame { ClientHello = ByteString.CopyFrom(new byte[10]) });
        var busy = await second.ExpectClosedAsync();
        Assert.Equal(StatusCode.ResourceExhausted, busy.StatusCode);
        Assert.Equal(nameof(PeerStreamError.Busy), busy.Trailers.GetValue("crossshard-error"));

        // ... until the listener gives up on it.
        var timedOut = await stalled.ExpectClosedAsync();
        Assert.Equal(StatusCode.DeadlineExceeded, timedOut.StatusCode);
        Assert.Equal(nameof(PeerStreamError.HandshakeTimeout), timedOut.Trailers.GetValue("crossshard-error"));
        Assert.Equal(1, target.Stats.StreamsRefused(PeerStreamError.HandshakeTimeout));
        Assert.True(target.Stats.StreamsRefused(PeerStreamError.Busy) >= 1);

        // The slot is free again: a real peer completes its handshake and delivers.
        await using var client = RawPeerClient.Open(target.Host.Endpoint);
        using var session = await client.HandshakeAsync(cluster[2].Identity, 2, 1, target.Identity.PublicKey, PeerTestCluster.DefaultClusterName, options.MaxRecordPlaintextBytes);
        await client.SendSealedAsync(session.Seal(RawPeerClient.Frame(TestEnvelope.Create(2, 1, 1)), default));
        await Eventually.TrueAsync(() => target.Sink.Count == 1, () => "the envelope after the slot was freed");
    }
}
