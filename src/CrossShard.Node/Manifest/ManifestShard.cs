using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;

namespace CrossShard.Node.Manifest;

/// <summary>One manifest entry: a shard, the endpoint of the node that owns it, and that node's ML-DSA public key.</summary>
/// <param name="Id">The shard id, <c>0..N-1</c>.</param>
/// <param name="Endpoint">Where the node listens, <c>host:port</c> (IPv6 hosts in brackets).</param>
/// <param name="PublicKey">The key every message and receipt from this shard is verified against.</param>
public sealed record ManifestShard(int Id, string Endpoint, SignaturePublicKey PublicKey)
{
    /// <summary>The shard id as the protocol's id type.</summary>
    public ShardId ShardId => new(Id);
}
