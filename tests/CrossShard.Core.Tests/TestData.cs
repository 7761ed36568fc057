using CrossShard.Core;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

/// <summary>Accounts with known shards and small helpers shared by the unit tests.</summary>
internal static class TestData
{
    public static readonly ShardMap Map = new(3);

    public static readonly ProtocolOptions Options = new();

    /// <summary>The first <paramref name="count"/> generated account names owned by <paramref name="shard"/>.</summary>
    public static string[] AccountsOn(int shard, int count) =>
        Enumerable.Range(0, 10_000).Select(i => $"a{i}").Where(a => Map.ShardOf(a).Value == shard).Take(count).ToArray();

    public static ShardLedger LedgerWith(int shard, long balance, int count = 4)
    {
        var ledger = new ShardLedger();
        foreach (var account in AccountsOn(shard, count))
        {
            ledger.Open(account, balance);
        }

        return ledger;
    }

    public static Transaction Transfer(string from, string to, long amount, ulong nonce = 1) =>
        Transaction.Transfer(nonce, new AccountId(from), new AccountId(to), amount);

    /// <summary>A three-shard transaction: debit on shard 1, credits on shards 0 and 2.</summary>
    public static Transaction ThreeShards(ulong nonce = 1) => new(nonce,
    [
        Operation.Debit(new AccountId(AccountsOn(1, 1)[0]), 10),
        Operation.Credit(new AccountId(AccountsOn(0, 1)[0]), 4),
        Operation.Credit(new AccountId(AccountsOn(2, 1)[0]), 6),
    ]);

    public static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);
}
