namespace CrossShard.Network.Client;

/// <summary>Balances read from every node: each shard's total, their sum, and the balances of the accounts asked for.</summary>
/// <param name="ShardTotals">Each shard's total, indexed by shard.</param>
/// <param name="Total">The sum of the shard totals.</param>
/// <param name="Accounts">Each account asked for, with its balance, or null where its shard does not hold it.</param>
/// <remarks>Each shard is read consistently on its own node; shards are read one after another, so a transfer committing meanwhile may show on one side only.</remarks>
public sealed record ClusterBalances(IReadOnlyList<long> ShardTotals, long Total, IReadOnlyDictionary<string, long?> Accounts);
