using CrossShard.Core.Transactions;
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

    public static string AccountName(int index) => $"acct-{index:D7}";

    public CrossShardTransaction Transfer(int index)
    {
        var random = new SplitMix64(unchecked(((ulong)(uint)_settings.Seed << 32) ^ (ulong)index));
        var hot = random.Next(100) < HotPercent;
        var range = hot ? _hotAccounts : _settings.Accounts;
        var from = random.Next(range);
        var to = PickDestination(ref random, from, range);
        var amount = random.Next(100) < OverdraftPercent
            ? _settings.InitialBalance * 50
            : 1 + random.Next(100);
        return CrossShardTransaction.Transfer(AccountName(from), AccountName(to), amount, _nonceBase | (uint)index);
    }

    // Prefer a destination on another shard; a few tries keep the choice cheap when the range is tiny.
    private int PickDestination(ref SplitMix64 random, int from, int range)
    {
        var fromShard = _map.ShardOf(AccountName(from));
        var candidate = from;
        for (var attempt = 0; attempt < 16; attempt++)
        {
            candidate = random.Next(range);
            if (candidate != from && (_map.ShardCount == 1 || _map.ShardOf(AccountName(candidate)) != fromShard))
            {
                return candidate;
            }
        }

        return candidate == from ? (from + 1) % range : candidate;
    }

    /// <summary>SplitMix64: tiny, fast and good enough to derive per-transfer choices from a seed.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

        private ulong NextUInt64()
        {
            unchecked
            {
                var z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
