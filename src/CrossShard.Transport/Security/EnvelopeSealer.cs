using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;

namespace CrossShard.Transport.Security;

/// <summary>
/// Signs batches of encoded messages from one node into envelopes: one ML-DSA signature for every envelope sealed
/// together (one per receiver), a fresh sequence number per link. Without a signer (signatures off, only for
/// measuring their cost) the envelopes are assembled the same way but carry no signature.
/// </summary>
public sealed class EnvelopeSealer
{
    private readonly string _clusterId;
    private readonly ShardId _self;
    private readonly ISigner? _signer;
    private readonly ulong _epoch;
    private readonly ConcurrentDictionary<ShardId, StrongBox<long>> _sequences = new();

    /// <summary>Creates the sealer of node <paramref name="self"/> in epoch <paramref name="epoch"/>; a null signer seals unsigned envelopes.</summary>
    public EnvelopeSealer(string clusterId, ShardId self, ISigner? signer, ulong epoch)
    {
        _clusterId = clusterId;
        _self = self;
        _signer = signer;
        _epoch = epoch;
    }

    /// <summary>Builds and signs the envelope carrying <paramref name="messages"/> to <paramref name="to"/>.</summary>
    public byte[] Seal(ShardId to, IReadOnlyList<byte[]> messages) => SealAll([(to, messages)])[0];

    /// <summary>Whether the envelopes are signed.</summary>
    public bool Signs => _signer is not null;

    /// <summary>Builds one envelope per batch and signs them all with one signature; the envelopes come back in order.</summary>
    public byte[][] SealAll(IReadOnlyList<(ShardId To, IReadOnlyList<byte[]> Messages)> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            throw new ArgumentException("nothing to seal", nameof(batches));
        }

        var unsigned = new UnsignedEnvelope[batches.Count];
        for (var i = 0; i < unsigned.Length; i++)
        {
            var (to, messages) = batches[i];
            if (messages.Count is 0 or > EnvelopeCodec.MaxMessages)
            {
                throw new ArgumentException($"an envelope carries 1..{EnvelopeCodec.MaxMessages} messages", nameof(batches));
            }

            var sequence = (ulong)Interlocked.Increment(ref _sequences.GetOrAdd(to, static _ => new StrongBox<long>()).Value);
            unsigned[i] = new UnsignedEnvelope(EnvelopeCodec.EncodeHeader(new EnvelopeHeader(_clusterId, _self, to, _epoch, sequence, messages.Count)), messages);
        }

        if (_signer is not null)
        {
            return EnvelopeCodec.SignAll(_signer, unsigned);
        }

        var assembled = new byte[unsigned.Length][];
        for (var i = 0; i < assembled.Length; i++)
        {
            assembled[i] = EnvelopeCodec.AssembleUnsigned(unsigned[i].Header, unsigned[i].Messages);
        }

        return assembled;
    }
}
