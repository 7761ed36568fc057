using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Security;

namespace CrossShard.Node.Embedded;

/// <summary>The identities of an embedded cluster's nodes: a fresh ML-DSA-65 key pair per node, and the keyring (the manifest's keys) built from them.</summary>
public sealed class ClusterKeys : IDisposable
{
    private readonly NodeIdentity[] _identities;

    /// <summary>Generates one identity per shard from the OS random generator.</summary>
    public ClusterKeys(int shards, string clusterId)
    {
        ClusterId = clusterId;
        _identities = Enumerable.Range(0, shards).Select(_ => NodeIdentity.Generate()).ToArray();
        Keyring = new PeerKeyring(_identities.Select((identity, i) => (new ShardId(i), identity.PublicKey)).ToDictionary(static p => p.Item1, static p => p.PublicKey));
    }

    /// <summary>The cluster id bound into every envelope and receipt.</summary>
    public string ClusterId { get; }

    /// <summary>Every node's public key.</summary>
    public PeerKeyring Keyring { get; }

    /// <summary>The signing identity of <paramref name="shard"/>'s node.</summary>
    public NodeIdentity IdentityOf(ShardId shard) => _identities[shard.Value];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var identity in _identities)
        {
            identity.Dispose();
        }
    }
}
