using System.Diagnostics.Metrics;
using CrossShard.Core.Ids;
using CrossShard.Network.Peers;

namespace CrossShard.Network.Tests.Peers;

/// <summary>Envelopes over real gRPC peer links on 127.0.0.1: delivery, order, coalescing, reconnects and bounded queues.</summary>
public sealed class GrpcPeerNetworkTests
{
    [Fact]
    public async Task ThreeNodes_ExchangeEnvelopesBothWays_InOrder()
    {
        const int PerPair = 300;
        await using var cluster = await PeerTestCluster.StartAsync(3);
        for (var seq = 0; seq < PerPair; seq++)
        {
            for (var from = 0; from < 3; from++)
            {
                for (var to = 0; to < 3; to++)
                {
                    if (from != to)
                    {
                        cluster[from].Send(to, TestEnvelope.Create(from, to, seq, 16 + (seq % 200)));
                    }
                }
            }
        }

        await Eventually.TrueAsync(
            () => Enumerable.Range(0, 3).All(i => cluster[i].Sink.Count == 2 * PerPair),
            () => $"every node receives {2 * PerPair}; counts {string.Join(", ", Enumerable.Range(0, 3).Select(i => cluster[i].Sink.Count))}");
        for (var to = 0; to < 3; to++)
        {
            for (var from = 0; from < 3; from++)
            {
                if (from == to)
                {
                    continue;
                }

                var received = cluster[to].Sink.From(new ShardId(from));
                Assert.Equal(Enumerable.Range(0, PerPair), received.Select(TestEnvelope.SequenceOf));
                // Byte-exact, and attributed to the handshake-authenticated sender.
                Assert.All(received, (e, i) => Assert.Equal(TestEnvelope.Create(from, to, i, 16 + (i % 200)), e));
            }

            Assert.Equal(2 * PerPair, cluster[to].Stats.EnvelopesReceived);
            Assert.Equal(2 * PerPair, cluster[to].Stats.EnvelopesSent);
            Assert.Equal(0, cluster[to].Stats.HandshakeFailuresTotal);
            Assert.True(cluster[to].Network.IsConnected(new ShardId((to + 1) % 3)));
        }
    }

    [Fact]
    public async Task QueuedEnvelopes_CoalesceIntoRecordsUpToTheBatchCap()
    {
        const int Count = 1000;
        const int Size = 100; // 104 framed bytes: 157 fit in 16 KiB, so 1000 take ceil(1000 / 157) = 7 records
        var options = PeerTestCluster.FastOptions with { MaxBatchBytes = 16 * 1024 };
        await using var cluster = await PeerTestCluster.StartAsync(2, options, stopped: [1]);
        for (var i = 0; i < Count; i++)
        {
            cluster[0].Send(1, TestEnvelope.Create(0, 1, i, Size));
        }

        Assert.Equal(Count, cluster[0].Network.QueuedEnvelopes(new ShardId(1)));
        await cluster[1].StartHostAsync();

        await Eventually.TrueAsync(() => cluster[1].Sink.Count == Count, () => $"{Count} delivered; got {cluster[1].Sink.Count}");
        Assert.Equal(Enumerable.Range(0, Count), cluster[1].Sink.SequencesFrom(new ShardId(0)));
        Assert.Equal(7, cluster[0].Stats.FramesSent);
        Assert.Equal(Count, cluster[0].Stats.EnvelopesSent);
        Assert.Equal(7, cluster[1].Stats.FramesReceived);
        Assert.Equal(cluster[0].Stats.BytesSent, cluster[1].Stats.BytesReceived);
        Assert.Contains((0, (long)Count), ObserveMetric("crossshard.peer.envelopes.sent"));
        Assert.Contains((1, 7L), ObserveMetric("crossshard.peer.frames.received"));
    }

    [Fact]
    public async Task PeerNotUpYet_QueueIsBoundedAndDrainsAfterItStarts()
    {
        var options = PeerTestCluster.FastOptions with { MaxQueuedEnvelopes = 100 };
        await using var cluster = await PeerTestCluster.StartAsync(2, options, stopped: [1]);
        var peer = new ShardId(1);
        for (var i = 0; i < 250; i++)
        {
            cluster[0].Send(1, TestEnvelope.Create(0, 1, i));
        }

        Assert.Equal(100, cluster[0].Network.QueuedEnvelopes(peer));
        Assert.Equal(150, cluster[0].Stats.DroppedQueueFull);
        // The link keeps redialling while the peer is down.
        await Eventually.TrueAsync(() => cluster[0].Stats.OutboundFailures >= 3, () => $"redials; failures {cluster[0].Stats.OutboundFailures}");
        Assert.False(cluster[0].Network.IsConnected(peer));
        Assert.Equal(0, cluster[0].Stats.SessionsEstablished);

        await cluster[1].StartHostAsync();
        await Eventually.TrueAsync(() => cluster[1].Sink.Count >= 100, () => $"100 delivered; got {cluster[1].Sink.Count}");
        cluster[0].Send(1, TestEnvelope.Create(0, 1, 1000));
        await Eventually.TrueAsync(() => cluster[1].Sink.Count >= 101, () => "the marker sent after the drain");

        // Exactly the 100 that fitted, in order, then the marker: nothing dropped was sent after all.
        Assert.Equal([.. Enumerable.Range(0, 100), 1000], cluster[1].Sink.SequencesFrom(new ShardId(0)));
        Assert.True(cluster[0].Network.IsConnected(peer));
        Assert.Equal(1, cluster[0].Stats.Reconnects);
        Assert.Equal(0, cluster[0].Network.QueuedEnvelopes(peer));
    }

    [Fact]
    public async Task QueueFull_ByBytes_DropsAreCountedAndMemoryStaysBounded()
    {
        var options = PeerTestCluster.FastOptions with { MaxQueuedBytes = 64 * 1024 };
        await using var cluster = await PeerTestCluster.StartAsync(2, options, stopped: [1]);
        var peer = new ShardId(1);
        for (var i = 0; i < 1000; i++)
        {
            cluster[0].Send(1, TestEnvelope.Create(0, 1, i, 1024));
        }

        Assert.Equal(64, cluster[0].Network.QueuedEnvelopes(peer));
        Assert.Equal(64 * 1024, cluster[0].Network.QueuedBytes(peer));
        Assert.Equal(936, cluster[0].Stats.DroppedQueueFull);

        // Too large for one record, empty, or for a shard outside the manifest: dropped and counted, never queued.
        cluster[0].Send(1, new byte[options.MaxEnvelopeBytes + 1]);
        cluster[0].Send(1, []);
        cluster[0].Network.Send(new ShardId(0), new ShardId(7), TestEnvelope.Create(0, 7, 0));
        Assert.Equal(2, cluster[0].Stats.DroppedTooLarge);
        Assert.Equal(1, cluster[0].Stats.DroppedUnroutable);
        Assert.Equal(64 * 1024, cluster[0].Network.QueuedBytes(peer));

        await cluster[1].StartHostAsync();
        await Eventually.TrueAsync(() => cluster[1].Sink.Count >= 64, () => $"64 delivered; got {cluster[1].Sink.Count}");
        Assert.Equal(Enumerable.Range(0, 64), cluster[1].Sink.SequencesFrom(new ShardId(0)));
    }

    [Fact]
    public async Task PeerRestartMidStream_LinkReconnectsAndDeliveryResumes()
    {
        await using var cluster = await PeerTestCluster.StartAsync(2);
        var peer = new ShardId(1);
        for (var i = 0; i < 100; i++)
        {
            cluster[0].Send(1, TestEnvelope.Create(0, 1, i));
        }

        await Eventually.TrueAsync(() => cluster[1].Sink.Count == 100, () => $"first 100; got {cluster[1].Sink.Count}");
        var before = cluster[1].Sink;
        var sessionsBefore = cluster[0].Stats.SessionsEstablished;

        await cluster[1].RestartAsync();
        await Eventually.TrueAsync(
            () => cluster[0].Stats.Reconnects >= 1 && cluster[0].Network.IsConnected(peer),
            () => $"node 0 redials the restarted peer; reconnects {cluster[0].Stats.Reconnects}, state {cluster[0].Network.LinkState(peer)}");
        Assert.True(cluster[0].Stats.SessionsEstablished > sessionsBefore);

        for (var i = 100; i < 200; i++)
        {
            cluster[0].Send(1, TestEnvelope.Create(0, 1, i));
        }

        await Eventually.TrueAsync(() => cluster[1].Sink.Count == 100, () => $"100 after the restart; got {cluster[1].Sink.Count}");
        Assert.Equal(Enumerable.Range(100, 100), cluster[1].Sink.SequencesFrom(new ShardId(0)));
        Assert.Equal(Enumerable.Range(0, 100), before.SequencesFrom(new ShardId(0)));

        // The restarted node dials back too.
        cluster[1].Send(0, TestEnvelope.Create(1, 0, 0));
        await Eventually.TrueAsync(() => cluster[0].Sink.Count == 1, () => "the restarted node's envelope");
    }

    // (node tag, value) of every measurement of the instrument, across all live networks in this process.
    private static List<(int Node, long Value)> ObserveMetric(string name)
    {
        var seen = new List<(int, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CrossShard.Network" && instrument.Name == name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "node", Value: int node })
                {
                    lock (seen)
                    {
                        seen.Add((node, value));
                    }
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    [Fact]
    public async Task SendToSelf_StaysInProcess_AndForeignSenderIsRefused()
    {
        await using var cluster = await PeerTestCluster.StartAsync(2);
        cluster[0].Send(0, TestEnvelope.Create(0, 0, 5));
        Assert.Equal([5], cluster[0].Sink.SequencesFrom(new ShardId(0)));
        Assert.Equal(0, cluster[0].Stats.FramesSent);
        Assert.Throws<ArgumentException>(() => cluster[0].Network.Send(new ShardId(1), new ShardId(0), [1]));
        Assert.Throws<ArgumentException>(() => cluster[0].Network.Register(new ShardId(1), new RecordingSink()));
        Assert.Throws<InvalidOperationException>(() => cluster[0].Network.Register(new ShardId(0), new RecordingSink()));
    }
}
