using CrossShard.Cli.Workload;

namespace CrossShard.Cli.Bench;

/// <summary>
/// The run's transfers, a pure function of (seed, index): the pair from <see cref="TransferPairs"/> and an amount of
/// 1..100, so the same seed offers the same transfers in the same order whatever the scheduling.
/// </summary>
internal sealed class BenchWorkload
{
    private readonly BenchAccounts _accounts;
    private readonly TransferPairs _pairs;
    private readonly int _seed;
    private readonly ulong _nonceBase;

    /// <param name="accounts">The funded accounts.</param>
    /// <param name="pairs">The pair choice.</param>
    /// <param name="seed">The workload seed.</param>
    /// <param name="nonceBase">Added to every index to form the nonce: distinguishes this run's transactions from another run's with the same seed against the same cluster.</param>
    public BenchWorkload(BenchAccounts accounts, TransferPairs pairs, int seed, ulong nonceBase)
    {
        _accounts = accounts;
        _pairs = pairs;
        _seed = seed;
        _nonceBase = nonceBase;
    }

    public BenchTransfer Transfer(long index)
    {
        var random = SplitMix64.For(_seed, index);
        var (from, to) = _pairs.Pick(ref random);
        var amount = 1 + random.Next(100);
        return new BenchTransfer(_accounts.Names[from], _accounts.Names[to], amount, unchecked(_nonceBase + (ulong)index));
    }
}
