using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Wire;
using Microsoft.Extensions.Logging;

namespace CrossShard.Transport.Security;

/// <summary>
/// One node's authenticated view of the network. Outbound: messages to each peer queue up while the previous
/// envelope to that peer is being signed, then leave as one envelope with one ML-DSA signature (batching grows
/// with load by itself). Inbound: envelopes are verified on the thread pool, in parallel across senders, and only
/// verified messages reach the node. Messages to the node itself never leave the process and are not signed.
/// </summary>
public sealed class SecureNodeNetwork : IShardNetwork, IEnvelopeSink, IDisposable
{
    private readonly ShardId _self;
    private readonly IEnvelopeNetwork _wire;
    private readonly EnvelopeSealer _sealer;
    private readonly EnvelopeOpener _opener;
    private readonly PeerKeyring _keyring;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly ConcurrentDictionary<ShardId, SerialWorkQueue<ProtocolMessage>> _outbound = new();
    private readonly ConcurrentDictionary<ShardId, SerialWorkQueue<byte[]>> _inbound = new();
    private IMessageSink? _sink;
    private long _envelopesSent;
    private long _envelopesAccepted;
    private long _messagesSent;

    /// <summary>Creates the secure network of node <paramref name="self"/> over <paramref name="wire"/>.</summary>
    /// <param name="self">This node.</param>
    /// <param name="clusterId">The cluster, bound into every signed header.</param>
    /// <param name="signer">This node's identity.</param>
    /// <param name="keyring">Every node's public key (the manifest).</param>
    /// <param name="wire">Carries the envelopes.</param>
    /// <param name="epoch">This run of the node; must grow across restarts (e.g. the start time in ms).</param>
    /// <param name="logger">Where rejections are reported (rate-limited).</param>
    /// <param name="time">The clock of the log rate limit.</param>
    /// <param name="maxBatch">The most messages per envelope.</param>
    public SecureNodeNetwork(
        ShardId self,
        string clusterId,
        ISigner signer,
        PeerKeyring keyring,
        IEnvelopeNetwork wire,
        ulong epoch,
        ILogger logger,
        TimeProvider time,
        int maxBatch = 1024)
    {
        _self = self;
        _wire = wire;
        _logger = logger;
        _maxBatch = Math.Clamp(maxBatch, 1, EnvelopeCodec.MaxMessages);
        _sealer = new EnvelopeSealer(clusterId, self, signer, epoch);
        _opener = new EnvelopeOpener(clusterId, self, keyring);
        _keyring = keyring;
        Rejections = new RejectionTracker(self, logger, time, TimeSpan.FromSeconds(10));
    }

    /// <summary>Rejected inbound envelopes, by reason.</summary>
    public RejectionTracker Rejections { get; }

    /// <summary>Envelopes signed and sent.</summary>
    public long EnvelopesSent => Interlocked.Read(ref _envelopesSent);

    /// <summary>Inbound envelopes that passed every check and were delivered.</summary>
    public long EnvelopesAccepted => Interlocked.Read(ref _envelopesAccepted);

    /// <summary>Messages carried by those envelopes.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <inheritdoc />
    public void Register(ShardId shard, IMessageSink sink)
    {
        if (shard != _self)
        {
            throw new ArgumentException($"this secure network belongs to {_self}, not {shard}", nameof(shard));
        }

        _sink = sink;
        _wire.Register(_self, this);
    }

    /// <inheritdoc />
    public void Unregister(ShardId shard)
    {
        _wire.Unregister(shard);
        _sink = null;
    }

    /// <inheritdoc />
    public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
    {
        if (to == _self)
        {
            _sink?.Deliver(_self, batch);
            return;
        }

        var queue = _outbound.GetOrAdd(to, t => new SerialWorkQueue<ProtocolMessage>(messages => SealAndSend(t, messages), _maxBatch));
        foreach (var message in batch)
        {
            queue.Enqueue(message);
        }
    }

    /// <inheritdoc />
    public void Receive(ShardId from, byte[] envelope)
    {
        // One queue per manifest peer; everything claiming another origin shares one, so junk cannot grow the table.
        var key = _keyring.VerifierFor(from) is null ? UnknownOrigin : from;
        _inbound.GetOrAdd(key, _ => new SerialWorkQueue<byte[]>(OpenAndDeliver, 64)).Enqueue(envelope);
    }

    private static readonly ShardId UnknownOrigin = new(-1);

    /// <inheritdoc />
    public void Dispose() => Rejections.Dispose();

    private void SealAndSend(ShardId to, List<ProtocolMessage> messages)
    {
        try
        {
            var encoded = new byte[messages.Count][];
            for (var i = 0; i < encoded.Length; i++)
            {
                encoded[i] = MessageCodec.Encode(messages[i]);
            }

            var envelope = _sealer.Seal(to, encoded);
            Interlocked.Increment(ref _envelopesSent);
            Interlocked.Add(ref _messagesSent, messages.Count);
            _wire.Send(_self, to, envelope);
        }
        catch (Exception ex)
        {
            // Losing an envelope is a message loss the protocol retries; a crashed pump would lose every later one.
            TransportLog.SealFailed(_logger, ex, _self, to);
        }
    }

    private void OpenAndDeliver(List<byte[]> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            EnvelopeRejection rejection;
            ShardId sender;
            IReadOnlyList<ProtocolMessage> messages;
            try
            {
                rejection = _opener.Open(envelope, out sender, out messages);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever the bytes were, they are refused; the node keeps serving.
                (rejection, sender, messages) = (EnvelopeRejection.Malformed, default, []);
            }

            if (rejection == EnvelopeRejection.None)
            {
                Interlocked.Increment(ref _envelopesAccepted);
                _sink?.Deliver(sender, messages);
            }
            else
            {
                Rejections.Record(sender, rejection);
            }
        }
    }
}
