using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Wire;

namespace CrossShard.Transport.Security;

/// <summary>
/// Verifies envelopes addressed to one node before anything in them reaches the protocol: format, cluster, receiver,
/// sender key, replay window, the batch signature, then every message and its claimed sender. Thread-safe.
/// Unsigned envelopes are refused (<see cref="EnvelopeRejection.Unsigned"/>) unless the opener was created for a node
/// running with signatures off; a signed envelope is verified either way.
/// </summary>
public sealed class EnvelopeOpener
{
    private readonly string _clusterId;
    private readonly ShardId _self;
    private readonly PeerKeyring _keyring;
    private readonly BatchVerifier _verifier;
    private readonly bool _acceptUnsigned;
    private readonly ConcurrentDictionary<ShardId, ReplayWindow> _windows = new();

    /// <summary>Creates the opener of node <paramref name="self"/>.</summary>
    /// <param name="clusterId">The cluster every envelope must name.</param>
    /// <param name="self">The node every envelope must be addressed to.</param>
    /// <param name="keyring">The senders' keys (the manifest).</param>
    /// <param name="cache">
    /// Signatures that already verified, shared by the nodes of one process (an embedded cluster): a round's
    /// signature reaches every peer, and verifying the same bytes under the same key again gives the same answer.
    /// </param>
    /// <param name="acceptUnsigned">Accept envelopes without a signature: only for a node running with signatures off.</param>
    public EnvelopeOpener(string clusterId, ShardId self, PeerKeyring keyring, VerifiedSignatureCache? cache = null, bool acceptUnsigned = false)
    {
        _verifier = new BatchVerifier(cache);
        _acceptUnsigned = acceptUnsigned;
        _clusterId = clusterId;
        _self = self;
        _keyring = keyring;
    }

    /// <summary>Opens <paramref name="envelope"/>: the authenticated sender and its messages, or why it was refused.</summary>
    public EnvelopeRejection Open(byte[] envelope, out ShardId sender, out IReadOnlyList<ProtocolMessage> messages)
    {
        sender = default;
        messages = [];
        var rejection = EnvelopeCodec.TryParse(envelope, out var parsed);
        if (rejection != EnvelopeRejection.None)
        {
            return rejection;
        }

        var header = parsed.Header;
        sender = header.Sender;
        if (!string.Equals(header.ClusterId, _clusterId, StringComparison.Ordinal))
        {
            return EnvelopeRejection.WrongCluster;
        }

        if (header.Receiver != _self)
        {
            return EnvelopeRejection.WrongReceiver;
        }

        var key = _keyring.VerifierFor(header.Sender);
        if (key is null)
        {
            return EnvelopeRejection.UnknownSender;
        }

        var window = _windows.GetOrAdd(header.Sender, static _ => new ReplayWindow());
        if (!window.MayAccept(header.Epoch, header.Sequence))
        {
            return EnvelopeRejection.Replayed;
        }

        var signatureProblem = parsed.Signature is null || parsed.SetProof is null
            ? (_acceptUnsigned ? EnvelopeRejection.None : EnvelopeRejection.Unsigned)
            : VerifySignature(key, parsed.HeaderBytes, parsed.Messages, parsed.Signature, parsed.SetProof);
        if (signatureProblem != EnvelopeRejection.None)
        {
            return signatureProblem;
        }

        var decoded = new ProtocolMessage[parsed.Messages.Length];
        for (var i = 0; i < decoded.Length; i++)
        {
            try
            {
                decoded[i] = MessageCodec.Decode(parsed.Messages[i]);
            }
            catch (WireFormatException)
            {
                return EnvelopeRejection.MalformedMessage;
            }

            if (decoded[i].From != header.Sender)
            {
                return EnvelopeRejection.SenderMismatch;
            }
        }

        // Recorded only now: an envelope that failed verification must not burn its sequence number.
        if (!window.TryAccept(header.Epoch, header.Sequence))
        {
            return EnvelopeRejection.Replayed;
        }

        messages = decoded;
        return EnvelopeRejection.None;
    }

    private EnvelopeRejection VerifySignature(ISignatureVerifier key, byte[] headerBytes, byte[][] messages, BatchSignature signature, MerkleProof setProof)
    {
        Hash256 digest;
        try
        {
            digest = EnvelopeDigest.Compute(headerBytes, messages);
        }
        catch (WireFormatException)
        {
            return EnvelopeRejection.MalformedMessage;
        }

        // The envelope's digest must sit where its proof says in the signed set; the proof check is cheap and goes
        // first inside VerifyEntry, so a forged proof never costs an ML-DSA verification.
        if (!_verifier.VerifyEntry(key, signature, EnvelopeCodec.EnvelopeRootContext, digest.ToArray(), setProof))
        {
            return EnvelopeRejection.BadSignature;
        }

        return EnvelopeRejection.None;
    }
}
