using System.Collections.Frozen;
using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;

namespace CrossShard.Transport.Security;

/// <summary>The public keys of the cluster's nodes (from the manifest), with a verifier built once per node.</summary>
public sealed class PeerKeyring
{
    private readonly FrozenDictionary<ShardId, ISignatureVerifier> _verifiers;

    /// <summary>Builds verifiers for every (shard, key) pair; refuses a key used by two shards.</summary>
    public PeerKeyring(IReadOnlyDictionary<ShardId, SignaturePublicKey> keys)
    {
        if (keys.Values.Distinct().Count() != keys.Count)
        {
            throw new ArgumentException("two shards share one public key", nameof(keys));
        }

        Keys = keys.ToFrozenDictionary();
        _verifiers = keys.ToFrozenDictionary(static kv => kv.Key, static kv => MlDsa.CreateVerifier(kv.Value));
    }

    /// <summary>The public key of every node.</summary>
    public FrozenDictionary<ShardId, SignaturePublicKey> Keys { get; }

    /// <summary>The verifier of <paramref name="shard"/>'s signatures, or null for a node not in the manifest.</summary>
    public ISignatureVerifier? VerifierFor(ShardId shard) => _verifiers.GetValueOrDefault(shard);
}
