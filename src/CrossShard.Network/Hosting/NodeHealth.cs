namespace CrossShard.Network.Hosting;

/// <summary>What a node reports about itself on its health endpoint and through <c>GetHealth</c>.</summary>
/// <param name="Shard">The node's shard.</param>
/// <param name="ClusterId">The cluster the node belongs to.</param>
/// <param name="State">"starting", "serving" or "stopping".</param>
/// <param name="DownPeers">Peers the failure detector currently believes down, ascending.</param>
/// <param name="UnheardPeers">
/// Peers not heard from yet since the node started, ascending. They are not down during the failure detector's
/// start-up grace period, so a node is joined (its peers' messages reach it) only once this list is empty too.
/// </param>
/// <param name="InFlight">Client transactions admitted and not yet answered.</param>
/// <param name="Coordinating">Transactions coordinated here whose decision is not yet acknowledged everywhere.</param>
/// <param name="Participating">Transactions this shard takes part in that are not finished (in-doubt ones included).</param>
public sealed record NodeHealth(int Shard, string ClusterId, string State, IReadOnlyList<int> DownPeers, IReadOnlyList<int> UnheardPeers, long InFlight, long Coordinating, long Participating)
{
    /// <summary>The wire name of <paramref name="state"/>.</summary>
    public static string NameOf(NodeState state) => state switch
    {
        NodeState.Starting => "starting",
        NodeState.Serving => "serving",
        _ => "stopping",
    };
}
