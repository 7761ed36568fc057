using CrossShard.Core;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Storage;

namespace CrossShard.Simulation;

/// <summary>One simulated node: its durable store survives crashes; its protocol state (and ledger) do not.</summary>
internal sealed class SimNode(ShardId shard, string? rocksDbDirectory)
{
    public ShardId Shard { get; } = shard;

    /// <summary>Where this node's RocksDB store lives, or null for the in-memory store.</summary>
    public string? RocksDbDirectory { get; } = rocksDbDirectory;

    public IShardStore Store { get; set; } = rocksDbDirectory is null ? new InMemoryShardStore() : new RocksDbShardStore(rocksDbDirectory);

    public ShardProtocol? Protocol { get; set; }

    public ShardLedger? Ledger { get; set; }

    /// <summary>Bumped on every crash, so timers of a dead incarnation are ignored.</summary>
    public long Incarnation { get; set; }

    public bool IsUp => Protocol is not null;
}
