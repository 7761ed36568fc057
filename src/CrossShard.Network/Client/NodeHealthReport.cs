using CrossShard.Core.Ids;
using CrossShard.Network.Hosting;

namespace CrossShard.Network.Client;

/// <summary>One node's answer to a health call, or why it gave none.</summary>
/// <param name="Shard">The node's shard.</param>
/// <param name="Endpoint">Where it was asked.</param>
/// <param name="Health">What it reported; null when it could not be reached.</param>
/// <param name="Error">Why it could not be reached; null when it answered.</param>
public sealed record NodeHealthReport(ShardId Shard, string Endpoint, NodeHealth? Health, string? Error)
{
    /// <summary>True when the node answered and is serving.</summary>
    public bool IsServing => Health?.State == NodeHealth.NameOf(NodeState.Serving);
}
