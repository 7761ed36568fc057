using CrossShard.Core.Ids;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;
using CrossShard.Network.Peers;

namespace CrossShard.Network.Tests.Peers;

/// <summary>Nodes whose manifests disagree never form a session: the handshake is refused, counted, nothing is delivered, and both keep serving the others.</summary>
public sealed class HandshakeRefusalTests
{
    private static readonly ShardId Zero = new(0), One = new(1), Two = new(2);

    [Fact]
    public async Task WrongPeerKeyInManifest_RefusedBothWays_OthersUnaffected()
    {
        using var stranger = NodeIdentity.Generate();
        // Node 2 believes shard 0 signs with a key it does not hold.
        await using var cluster = await PeerTestCluster.StartAsync(3, manifestFor: (i, m) => i == 2
            ? PeerTestCluster.Rewrite(m, shard: s => s.Id == 0 ? s with { PublicKey = stranger.PublicKey } : s)
            : m);
        SendEverywhere(cluster, 3);

        // As dialler node 2 sees shard 0 answer with the real key; as listener it sees shard 0 announce it.
        await Eventually.TrueAsync(
            () => cluster[2].Stats.HandshakeFailures(HandshakeError.WrongPeerKey) >= 2 && cluster[0].Stats.OutboundFailures >= 1,
            () => $"node 2 refuses shard 0 both ways; node 2 failures {Describe(cluster[2].Stats)}, node 0 outbound failures {cluster[0].Stats.OutboundFailures}");
        Assert.True(cluster[2].Stats.StreamsRefused(PeerStreamError.HandshakeRefused) >= 1);
        await AssertHealthyPairsDeliverAsync(cluster, (0, 1), (1, 2));
        Assert.Equal(0, cluster[0].Sink.CountFrom(Two));
        Assert.Equal(0, cluster[2].Sink.CountFrom(Zero));
        Assert.False(cluster[0].Network.IsConnected(Two));
        Assert.False(cluster[2].Network.IsConnected(Zero));
        // What could not be sent is still waiting (bounded), not lost.
        Assert.Equal(3, cluster[0].Network.QueuedEnvelopes(Two));
    }

    [Fact]
    public async Task OtherClustersManifest_RefusedAsWrongCluster_OthersUnaffected()
    {
        await using var cluster = await PeerTestCluster.StartAsync(3, manifestFor: (i, m) => i == 2 ? PeerTestCluster.Rewrite(m, clusterName: "another-cluster") : m);
        SendEverywhere(cluster, 3);

        await Eventually.TrueAsync(
            () => Enumerable.Range(0, 3).All(i => cluster[i].Stats.HandshakeFailures(HandshakeError.WrongCluster) >= 1),
            () => $"every node refuses the other cluster's ClientHellos; {string.Join(" | ", Enumerable.Range(0, 3).Select(i => Describe(cluster[i].Stats)))}");
        await AssertHealthyPairsDeliverAsync(cluster, (0, 1));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0, cluster[i].Sink.CountFrom(Two));
            Assert.Equal(0, cluster[2].Sink.CountFrom(new ShardId(i)));
            Assert.False(cluster[i].Network.IsConnected(Two));
        }

        Assert.Equal(0, cluster[2].Stats.SessionsEstablished + cluster[2].Stats.SessionsAccepted);
    }

    [Fact]
    public async Task ShardMissingFromTheManifest_RefusedAsUnknownPeer_OthersUnaffected()
    {
        // Four nodes bound; only node 3 knows shard 3 exists.
        await using var cluster = await PeerTestCluster.StartAsync(4, manifestFor: (i, m) => i == 3 ? m : PeerTestCluster.Rewrite(m, shardCount: 3));
        for (var to = 0; to < 3; to++)
        {
            cluster[3].Send(to, TestEnvelope.Create(3, to, 0));
        }

        await Eventually.TrueAsync(
            () => Enumerable.Range(0, 3).All(i => cluster[i].Stats.HandshakeFailures(HandshakeError.UnknownPeer) >= 1) && cluster[3].Stats.OutboundFailures >= 3,
            () => $"shards 0..2 refuse shard 3; {string.Join(" | ", Enumerable.Range(0, 4).Select(i => Describe(cluster[i].Stats)))}");
        SendEverywhere(cluster, 3, nodes: 3);
        await AssertHealthyPairsDeliverAsync(cluster, (0, 1), (1, 2), (0, 2));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, cluster[i].Sink.CountFrom(new ShardId(3)));
        }

        Assert.Equal(0, cluster[3].Stats.SessionsEstablished);
        Assert.Equal(3, cluster[3].Network.QueuedEnvelopes(Zero) + cluster[3].Network.QueuedEnvelopes(One) + cluster[3].Network.QueuedEnvelopes(Two));
    }

    private static void SendEverywhere(PeerTestCluster cluster, int count, int nodes = 3)
    {
        for (var from = 0; from < nodes; from++)
        {
            for (var to = 0; to < nodes; to++)
            {
                for (var seq = 0; from != to && seq < count; seq++)
                {
                    cluster[from].Send(to, TestEnvelope.Create(from, to, seq));
                }
            }
        }
    }

    // Both directions of each healthy pair deliver what was sent (3 envelopes each way), so the refusals broke nothing else.
    private static async Task AssertHealthyPairsDeliverAsync(PeerTestCluster cluster, params (int A, int B)[] pairs)
    {
        foreach (var (a, b) in pairs)
        {
            await Eventually.TrueAsync(
                () => cluster[a].Sink.CountFrom(new ShardId(b)) == 3 && cluster[b].Sink.CountFrom(new ShardId(a)) == 3,
                () => $"{a} <-> {b} deliver; {cluster[a].Sink.CountFrom(new ShardId(b))} and {cluster[b].Sink.CountFrom(new ShardId(a))}");
        }
    }

    private static string Describe(PeerNetworkStatistics stats) =>
        $"handshake failures [{string.Join(", ", stats.HandshakeFailuresByError().Select(kv => $"{kv.Key}={kv.Value}"))}], refused [{string.Join(", ", stats.StreamsRefusedByError().Select(kv => $"{kv.Key}={kv.Value}"))}], outbound failures {stats.OutboundFailures}";
}
