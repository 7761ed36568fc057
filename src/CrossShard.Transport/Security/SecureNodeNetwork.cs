using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Wire;
using Microsoft.Extensions.Logging;

namespace CrossShard.Transport.Security;

/// <summary>
/// One node's authenticated view of the network. Outbound: messages to every peer queue up while the node waits
/// for its next signing round (<see cref="SealPacing"/>); a round seals one envelope per peer and signs them all
/// with one ML-DSA signature, so batches grow with load by themselves. Inbound: envelopes are verified on the
/// thread pool, in parallel across senders, and only verified messages reach the node. Messages to the node
/// itself never leave the process and are not signed.
/// </summary>
public sealed partial class SecureNodeNetwork : IDurabilityGatedNetwork, IEnvelopeSink, IDisposable
{
    private readonly ShardId _self;
    private readonly IEnvelopeNetwork _wire;
    private readonly EnvelopeSealer _sealer;
    private readonly EnvelopeOpener _opener;
    private readonly PeerKeyring _keyring;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly ConcurrentDictionary<ShardId, SerialWorkQueue<byte[]>> _inbound = new();
    private IMessageSink? _sink;
    private long _envelopesAccepted;

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
    /// <param name="pacing">How often the node may sign; null is <see cref="SealPacing.Default"/>.</param>
    /// <param name="verifiedSignatures">Signatures already verified, shared by the nodes of one process; null verifies each one.</param>
    /// <param name="cpuLoad">How idle the cores are, for the pacing; null measures the machine (<see cref="CpuLoad.OfMachine"/>).</param>
    public SecureNodeNetwork(
        ShardId self,
        string clusterId,
        ISigner signer,
        PeerKeyring keyring,
        IEnvelopeNetwork wire,
        ulong epoch,
        ILogger logger,
        TimeProvider time,
        int maxBatch = 1024,
        SealPacing? pacing = null,
        VerifiedSignatureCache? verifiedSignatures = null,
        ICpuLoad? cpuLoad = null)
        : this(self, clusterId, signer ?? throw new ArgumentNullException(nameof(signer)), keyring, wire, epoch, logger, time, maxBatch, pacing ?? SealPacing.Default, verifiedSignatures, cpuLoad, signs: true)
    {
    }

    /// <summary>
    /// INSECURE: the same envelopes, sequence numbers and replay windows, but nothing signed and nothing verified.
    /// Exists only to measure what signatures cost against an otherwise identical node; its peers must run the same
    /// way, since a node with signatures refuses unsigned envelopes (<see cref="EnvelopeRejection.Unsigned"/>).
    /// </summary>
    /// <param name="self">This node.</param>
    /// <param name="clusterId">The cluster, named in every header.</param>
    /// <param name="keyring">The cluster's nodes (the manifest); only their ids are used.</param>
    /// <param name="wire">Carries the envelopes.</param>
    /// <param name="epoch">This run of the node.</param>
    /// <param name="logger">Where rejections are reported.</param>
    /// <param name="time">The clock of the log rate limit.</param>
    /// <param name="maxBatch">The most messages per envelope.</param>
    /// <param name="pacing">How often envelopes leave; null is <see cref="SealPacing.Eager"/> (there is no signature to amortize).</param>
    public static SecureNodeNetwork WithoutSignatures(
        ShardId self,
        string clusterId,
        PeerKeyring keyring,
        IEnvelopeNetwork wire,
        ulong epoch,
        ILogger logger,
        TimeProvider time,
        int maxBatch = 1024,
        SealPacing? pacing = null) =>
        new(self, clusterId, null, keyring, wire, epoch, logger, time, maxBatch, pacing ?? SealPacing.Eager, null, null, signs: false);

    private SecureNodeNetwork(
        ShardId self,
        string clusterId,
        ISigner? signer,
        PeerKeyring keyring,
        IEnvelopeNetwork wire,
        ulong epoch,
        ILogger logger,
        TimeProvider time,
        int maxBatch,
        SealPacing pacing,
        VerifiedSignatureCache? verifiedSignatures,
        ICpuLoad? cpuLoad,
        bool signs)
    {
        // The flag spells out the choice a null signer would only imply.
        if (signs != signer is not null)
        {
            throw new ArgumentException("a signing network needs a signer, an unsigned one must not have one", nameof(signer));
        }

        _self = self;
        _wire = wire;
        _logger = logger;
        _maxBatch = Math.Clamp(maxBatch, 1, EnvelopeCodec.MaxMessages);
        _sealer = new EnvelopeSealer(clusterId, self, signer, epoch);
        _opener = new EnvelopeOpener(clusterId, self, keyring, verifiedSignatures, acceptUnsigned: signer is null);
        _keyring = keyring;
        _time = time;
        _pacing = pacing.Validate();
        _cpuLoad = cpuLoad ?? CpuLoad.OfMachine(time);
        Rejections = new RejectionTracker(self, logger, time, TimeSpan.FromSeconds(10));
    }

    /// <summary>Whether this node signs its envelopes and requires signed ones (false only for <see cref="WithoutSignatures"/>).</summary>
    public bool Signs => _sealer.Signs;

    /// <summary>Rejected inbound envelopes, by reason.</summary>
    public RejectionTracker Rejections { get; }

    /// <summary>Inbound envelopes that passed every check and were delivered.</summary>
    public long EnvelopesAccepted => Interlocked.Read(ref _envelopesAccepted);

    /// <inheritdoc />
    public void Register(ShardId shard, IMessageSink sink)
    {
        if (shard != _self)
        {
            throw new ArgumentException($"this secure network belongs to {_self}, not {shard}", nameof(shard));
        }

        _sink = sink;
        _wire.Register(_self, this);
        StartPump();
    }

    /// <inheritdoc />
    public void Unregister(ShardId shard)
    {
        _wire.Unregister(shard);
        _sink = null;
        StopPump();
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
    public void Dispose()
    {
        StopPump();
        Rejections.Dispose();
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
