using System.Diagnostics.Metrics;
using CrossShard.Core.Ids;

namespace CrossShard.Network.Peers;

/// <summary>Publishes one node's <see cref="PeerNetworkStatistics"/> as <c>System.Diagnostics.Metrics</c> instruments (meter <c>CrossShard.Network</c>), read when collected.</summary>
internal sealed class PeerNetworkMetrics : IDisposable
{
    private readonly Meter _meter = new("CrossShard.Network");

    public PeerNetworkMetrics(ShardId self, PeerNetworkStatistics stats, Func<long> queuedEnvelopes)
    {
        var node = new KeyValuePair<string, object?>("node", self.Value);
        Counter("crossshard.peer.frames.sent", "Sealed records written to peers", () => stats.FramesSent);
        Counter("crossshard.peer.frames.received", "Sealed records received and opened", () => stats.FramesReceived);
        Counter("crossshard.peer.envelopes.sent", "Envelopes carried to peers", () => stats.EnvelopesSent);
        Counter("crossshard.peer.envelopes.received", "Envelopes received from authenticated peers", () => stats.EnvelopesReceived);
        Counter("crossshard.peer.bytes.sent", "Bytes of sealed records sent", () => stats.BytesSent, "By");
        Counter("crossshard.peer.bytes.received", "Bytes of sealed records received", () => stats.BytesReceived, "By");
        Counter("crossshard.peer.reconnects", "Outbound sessions re-established after a failure", () => stats.Reconnects);
        Counter("crossshard.peer.outbound.failures", "Outbound dials or sessions that failed", () => stats.OutboundFailures);
        _meter.CreateObservableCounter(
            "crossshard.peer.envelopes.dropped",
            () => new[]
            {
                new Measurement<long>(stats.DroppedQueueFull, node, new("reason", "queue-full")),
                new Measurement<long>(stats.DroppedTooLarge, node, new("reason", "too-large")),
                new Measurement<long>(stats.DroppedUnroutable, node, new("reason", "unroutable")),
                new Measurement<long>(stats.LostInFlight, node, new("reason", "lost-in-flight")),
            },
            description: "Envelopes the links did not deliver, by reason");
        _meter.CreateObservableCounter(
            "crossshard.peer.handshake.failures",
            () => stats.HandshakeFailuresByError().Select(kv => new Measurement<long>(kv.Value, node, new("error", kv.Key.ToString()))),
            description: "Handshakes refused or failed on this node's side, by HandshakeError");
        _meter.CreateObservableCounter(
            "crossshard.peer.streams.refused",
            () => stats.StreamsRefusedByError().Select(kv => new Measurement<long>(kv.Value, node, new("error", kv.Key.ToString()))),
            description: "Inbound peer streams closed with an error, by PeerStreamError");
        _meter.CreateObservableGauge("crossshard.peer.queue.envelopes", () => new Measurement<long>(queuedEnvelopes(), node), description: "Envelopes waiting in the peer queues");

        void Counter(string name, string description, Func<long> read, string? unit = null) =>
            _meter.CreateObservableCounter(name, () => new Measurement<long>(read(), node), unit, description);
    }

    public void Dispose() => _meter.Dispose();
}
