using CrossShard.Core.Ids;
using CrossShard.Core.Timing;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using CrossShard.Transport;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Peers;

/// <summary>
/// One node's links to its peers over gRPC: an <see cref="IEnvelopeNetwork"/> that carries opaque envelope bytes
/// through mutually authenticated, encrypted sessions (docs/wire-grpc.md). Outbound, one dialling loop per peer of
/// the manifest drains that peer's bounded queue; inbound, <see cref="Service"/> accepts the peers' streams.
/// </summary>
/// <remarks>
/// <para>
/// Dialling starts in the constructor, so links come up while the node starts. Host the service with
/// <c>services.AddPeerLinks(net)</c> (or <c>AddGrpc()</c>, <c>AddSingleton(net.Service)</c> and a
/// <c>MaxReceiveMessageSize</c> of <see cref="PeerNetworkOptions.MaxGrpcMessageBytes"/> for <see cref="PeerLinkService"/>),
/// then <c>app.MapGrpcService&lt;PeerLinkService&gt;()</c>.
/// </para>
/// <para>
/// Best effort like every envelope network: <see cref="Send"/> never blocks, drops (and counts) what does not fit,
/// and envelopes in a write that fails are lost; the protocol above retransmits. Order is kept within one session.
/// </para>
/// </remarks>
public sealed class GrpcPeerNetwork : IEnvelopeNetwork, IAsyncDisposable
{
    private readonly PeerLinkContext _context;
    private readonly Dictionary<ShardId, OutboundPeerLink> _links = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly PeerNetworkMetrics _metrics;
    private IEnvelopeSink? _sink;
    private int _disposed;

    /// <summary>Creates node <paramref name="self"/>'s links to every other shard of <paramref name="manifest"/> and starts dialling.</summary>
    /// <param name="self">This node's shard; must be in the manifest.</param>
    /// <param name="manifest">Every shard's endpoint and key; the cluster id selects the handshake's cluster.</param>
    /// <param name="identity">This node's ML-DSA identity; its public key must be the manifest's key for <paramref name="self"/>.</param>
    /// <param name="options">Limits and timings.</param>
    /// <param name="loggerFactory">Where the links (and the gRPC client) log.</param>
    /// <param name="time">The clock of timeouts, back-off and log rate limits.</param>
    /// <param name="random">The jitter of back-off; need not be thread-safe.</param>
    /// <exception cref="ArgumentException"><paramref name="self"/> is not in the manifest, the identity is not its key, or the options are inconsistent.</exception>
    public GrpcPeerNetwork(ShardId self, ClusterManifest manifest, ISigner identity, PeerNetworkOptions options, ILoggerFactory loggerFactory, TimeProvider time, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        if (!manifest.TryGetShard(self, out var own))
        {
            throw new ArgumentException($"{self} is not in the manifest of {manifest}.", nameof(self));
        }

        if (!own.PublicKey.Equals(identity.PublicKey))
        {
            throw new ArgumentException($"The identity's key is not the manifest's key for {self}.", nameof(identity));
        }

        Options = options.Validate();
        Self = self;
        var handshake = new HandshakeOptions(HandshakeOptions.ClusterIdFromName(manifest.ClusterId))
        {
            // Every node seals and accepts records of the same size, as SecureSession requires cluster-wide.
            Session = new SecureSessionOptions { MaxRecordSize = options.MaxRecordPlaintextBytes },
        };
        _context = new PeerLinkContext(
            self,
            manifest,
            identity,
            handshake,
            options,
            Statistics,
            loggerFactory,
            loggerFactory.CreateLogger<GrpcPeerNetwork>(),
            time,
            new LockedRandom(random));
        Service = new PeerLinkService(_context, () => Volatile.Read(ref _sink), _stopping.Token);
        foreach (var peer in manifest.Shards.Where(s => s.ShardId != self))
        {
            _links[peer.ShardId] = new OutboundPeerLink(_context, peer);
        }

        _metrics = new PeerNetworkMetrics(self, Statistics, () => _links.Values.Sum(static l => (long)l.Outbox.Count));
        foreach (var link in _links.Values)
        {
            link.Start();
        }
    }

    /// <summary>This node's shard.</summary>
    public ShardId Self { get; }

    /// <summary>The validated options.</summary>
    public PeerNetworkOptions Options { get; }

    /// <summary>The gRPC server side: register it as a singleton and map it (see the remarks on this class).</summary>
    public PeerLinkService Service { get; }

    /// <summary>Frames, envelopes, bytes, drops, handshake failures, refused streams and reconnects so far.</summary>
    public PeerNetworkStatistics Statistics { get; } = new();

    /// <summary>True while the outbound link to <paramref name="peer"/> has an established session.</summary>
    public bool IsConnected(ShardId peer) => LinkState(peer) == PeerLinkState.Connected;

    /// <summary>Where the outbound link to <paramref name="peer"/> is; <see cref="PeerLinkState.Stopped"/> for a shard without a link.</summary>
    public PeerLinkState LinkState(ShardId peer) => _links.TryGetValue(peer, out var link) ? link.State : PeerLinkState.Stopped;

    /// <summary>Envelopes waiting in <paramref name="peer"/>'s queue.</summary>
    public int QueuedEnvelopes(ShardId peer) => _links.TryGetValue(peer, out var link) ? link.Outbox.Count : 0;

    /// <summary>Envelope bytes waiting in <paramref name="peer"/>'s queue.</summary>
    public long QueuedBytes(ShardId peer) => _links.TryGetValue(peer, out var link) ? link.Outbox.Bytes : 0;

    /// <summary>Connects this node's sink: envelopes from authenticated peers go to <paramref name="sink"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="shard"/> is not this node's shard.</exception>
    /// <exception cref="InvalidOperationException">A sink is already registered.</exception>
    public void Register(ShardId shard, IEnvelopeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        RequireSelf(shard);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException($"{shard} is already connected to this network.");
        }
    }

    /// <summary>Disconnects this node's sink; inbound streams are then refused as not serving.</summary>
    public void Unregister(ShardId shard)
    {
        RequireSelf(shard);
        Volatile.Write(ref _sink, null);
    }

    /// <summary>Queues <paramref name="envelope"/> for <paramref name="to"/>; never blocks. Dropped and counted when the peer's queue is full, the envelope too large, or the receiver unknown.</summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is not this node's shard.</exception>
    public void Send(ShardId from, ShardId to, byte[] envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        RequireSelf(from);
        if (to == Self)
        {
            // Never leaves the process, like the in-memory network.
            Volatile.Read(ref _sink)?.Receive(Self, envelope);
            return;
        }

        if (!_links.TryGetValue(to, out var link))
        {
            Statistics.Unroutable();
        }
        else if (envelope.Length == 0 || envelope.Length > Options.MaxEnvelopeBytes)
        {
            Statistics.TooLarge();
        }
        else if (!link.Outbox.TryEnqueue(envelope))
        {
            Statistics.QueueFull();
        }
    }

    /// <summary>Stops dialling, closes every outbound session and ends every inbound stream (as not serving).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var link in _links.Values)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
        // _stopping is not disposed: the service may still be called until the host stops, and links to its token.
    }

    private void RequireSelf(ShardId shard)
    {
        if (shard != Self)
        {
            throw new ArgumentException($"This network belongs to {Self}, not {shard}.", nameof(shard));
        }
    }
}
