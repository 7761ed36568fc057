using CrossShard.Core.Transactions;
using CrossShard.Cli.Workload;
using CrossShard.Node.Api;

namespace CrossShard.Cli.Demo;

/// <summary>
/// The demo's transfers, a pure function of (seed, index) so a run is reproducible whatever the scheduling:
/// mostly random cross-shard transfers, some overdrafts (insufficient funds) and some on a small hot set of
/// accounts (lock conflicts under concurrency).
/// </summary>
internal sealed class DemoWorkload
{
    private const int OverdraftPercent = 4;
    private const int HotPercent = 10;
    private readonly DemoSettings _settings;
    private readonly ShardMap _map;
    private readonly int _hotAccounts;

    private readonly ulong _nonceBase;

    /// <param name="settings">The run.</param>
    /// <param name="map">The account-to-shard rule.</param>
    /// <param name="runSalt">Distinguishes this run's transactions from another run's with the same seed (the same
    /// transfer twice is one transaction id, which shards that already applied it refuse).</param>
    public DemoWorkload(DemoSettings settings, ShardMap map, uint runSalt)
    {
        _settings = settings;
        _nonceBase = (ulong)runSalt << 32;
        _map = map;
        _hotAccounts = Math.Min(16, settings.Accounts);
    }

    public CrossShardTransaction Transfer(int index)
    {
        var random = SplitMix64.For(_settings.Seed, index);
        var hot = random.Next(100) < HotPercent;
        var range = hot ? _hotAccounts : _settings.Accounts;
        var from = random.Next(range);
        var to = PickDestination(ref random, from, range);
        var amount = random.Next(100) < OverdraftPercent
            ? _settings.InitialBalance * 50
            : 1 + random.Next(100);
        return CrossShardTransaction.Transfer(AccountNames.Of(from), AccountNames.Of(to), amount, _nonceBase | (uint)index);
    }

    // Prefer a destination on another shard; a few tries keep the choice cheap when the range is tiny.
    private int PickDestination(ref SplitMix64 random, int from, int range)
    {
        var fromShard = _map.ShardOf(AccountNames.Of(from));
        var candidate = from;
        for (var attempt = 0; attempt < 16; attempt++)
        {
            candidate = random.Next(range);
            if (candidate != from && (_map.ShardCount == 1 || _map.ShardOf(AccountNames.Of(candidate)) != fromShard))
            {
                return candidate;
            }
        }

        return candidate == from ? (from + 1) % range : candidate;
    }
}
