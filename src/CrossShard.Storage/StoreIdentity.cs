using CrossShard.Core.Ids;

namespace CrossShard.Storage;

/// <summary>What a store belongs to; written when it is created and checked on every open.</summary>
/// <param name="ClusterId">The cluster id from the manifest.</param>
/// <param name="Shard">The shard the store holds.</param>
/// <param name="ShardCount">The cluster's shard count (the account-to-shard rule depends on it).</param>
public sealed record StoreIdentity(string ClusterId, ShardId Shard, int ShardCount);
