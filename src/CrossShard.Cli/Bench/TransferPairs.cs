using System.Globalization;
using CrossShard.Cli.Workload;

namespace CrossShard.Cli.Bench;

/// <summary>
/// Picks the two accounts of a transfer so that a fraction <c>crossShardRatio</c> of transfers spans two shards and
/// the rest stays on one (two distinct accounts either way). Every choice is uniform: a cross-shard pair is a random
/// account and a random account on any other shard; a single-shard pair is two random accounts of one shard.
/// </summary>
internal sealed class TransferPairs
{
    private readonly BenchAccounts _accounts;
    private readonly double _crossShardRatio;
    private readonly int[] _sameShardSources;

    /// <summary>Prepares the choice; see <see cref="Problem"/> for the shapes it refuses.</summary>
    public TransferPairs(BenchAccounts accounts, double crossShardRatio)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (Problem(accounts, crossShardRatio) is { } problem)
        {
            throw new ArgumentException(problem, nameof(crossShardRatio));
        }

        _accounts = accounts;
        _crossShardRatio = crossShardRatio;
        // A single-shard transfer can only start on a shard holding a second account.
        _sameShardSources = Enumerable.Range(0, accounts.Count).Where(a => accounts.OnShard(accounts.ShardOf(a)).Length >= 2).ToArray();
    }

    /// <summary>Why no pair can be picked with this ratio and these accounts, or null when they can.</summary>
    public static string? Problem(BenchAccounts accounts, double crossShardRatio)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (!(crossShardRatio is >= 0 and <= 1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--cross-shard-ratio must be between 0 and 1, got {crossShardRatio}");
        }

        var populated = Enumerable.Range(0, accounts.ShardCount).Count(s => accounts.OnShard(s).Length > 0);
        if (crossShardRatio > 0 && populated < 2)
        {
            return accounts.ShardCount == 1
                ? "--cross-shard-ratio must be 0 with --shards 1 (no other shard to transfer to)"
                : $"--cross-shard-ratio above 0 needs accounts on two shards; all {accounts.Count} accounts live on one (use more --accounts)";
        }

        if (crossShardRatio < 1 && !Enumerable.Range(0, accounts.ShardCount).Any(s => accounts.OnShard(s).Length >= 2))
        {
            return $"--cross-shard-ratio below 1 needs two accounts on one shard; no shard holds two of the {accounts.Count} accounts (use more --accounts)";
        }

        return null;
    }

    /// <summary>The (from, to) account numbers of the next transfer, drawn from <paramref name="random"/>.</summary>
    public (int From, int To) Pick(ref SplitMix64 random)
    {
        var crossShard = _crossShardRatio >= 1 || (_crossShardRatio > 0 && random.NextDouble() < _crossShardRatio);
        return crossShard ? PickCrossShard(ref random) : PickSameShard(ref random);
    }

    private (int From, int To) PickCrossShard(ref SplitMix64 random)
    {
        int from, home;
        do
        {
            from = random.Next(_accounts.Count);
            home = _accounts.ShardOf(from);
        }
        while (_accounts.OnShard(home).Length == _accounts.Count);

        // The r-th account among those not on the source's shard, walking the other shards in order.
        var r = random.Next(_accounts.Count - _accounts.OnShard(home).Length);
        for (var shard = 0; ; shard++)
        {
            if (shard == home)
            {
                continue;
            }

            var on = _accounts.OnShard(shard);
            if (r < on.Length)
            {
                return (from, on[r]);
            }

            r -= on.Length;
        }
    }

    private (int From, int To) PickSameShard(ref SplitMix64 random)
    {
        var from = _sameShardSources[random.Next(_sameShardSources.Length)];
        var on = _accounts.OnShard(_accounts.ShardOf(from));
        var other = random.Next(on.Length - 1);
        return (from, on[other >= _accounts.PositionOnShard(from) ? other + 1 : other]);
    }
}
