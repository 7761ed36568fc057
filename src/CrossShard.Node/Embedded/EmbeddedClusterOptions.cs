using CrossShard.Node.Api;
using CrossShard.Node.Runtime;
using CrossShard.Core.Ids;
using CrossShard.Storage;
using CrossShard.Transport;

namespace CrossShard.Node.Embedded;

/// <summary>How to build an <see cref="EmbeddedCluster"/>.</summary>
public sealed record EmbeddedClusterOptions
{
    /// <summary>Number of shards (1..1024). Default 4.</summary>
    public int Shards { get; init; } = 4;

    /// <summary>Settings applied to every node; <see cref="CrossShardConfig.LocalShard"/> and <see cref="CrossShardConfig.ConnectedShards"/> are filled in per node.</summary>
    public CrossShardConfig NodeConfig { get; init; } = new();

    /// <summary>
    /// True (the default): every message between nodes travels in an envelope signed with the sender's ML-DSA-65 key
    /// and verified by the receiver. False only measures what the signatures cost: the same envelopes, unsigned and
    /// unverified (or, with <see cref="Network"/>, message objects handed over in memory).
    /// </summary>
    public bool Signatures { get; init; } = true;

    /// <summary>The network carrying the envelopes; a fresh in-memory one when null (tests pass a fault-injecting one).</summary>
    public IEnvelopeNetwork? EnvelopeNetwork { get; init; }

    /// <summary>
    /// Without <see cref="Signatures"/> only: a network that hands message objects between the nodes with no envelope
    /// at all (the simulator-style property tests use a fault-injecting one); null sends unsigned envelopes instead.
    /// </summary>
    public IShardNetwork? Network { get; init; }

    /// <summary>The store of each shard's node (RocksDB for a durable cluster); in-memory stores when null.</summary>
    public Func<ShardId, IShardStore>? StoreFactory { get; init; }

    /// <summary>The cluster id; a random "embedded-…" id when null. A cluster that reopens durable stores must reuse its id.</summary>
    public string? ClusterId { get; init; }

    /// <summary>The clock; the system clock when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Seed of the nodes' jitter sources, so a run's timing choices can be reproduced.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Receives every node's protocol events (on that node's loop thread).</summary>
    public IProtocolObserver? Observer { get; init; }
}
