using CrossShard.Core.Ids;

namespace CrossShard.Core.Transactions;

/// <summary>One step of a transaction: a debit or credit of an account, or an anchor key put on a named shard.</summary>
/// <param name="Kind">What the operation does.</param>
/// <param name="Key">The account id (debit, credit) or the anchor key.</param>
/// <param name="Amount">The positive amount moved (debit, credit); zero for anchors.</param>
/// <param name="AnchorShard">The shard an anchor is written on; ignored for account operations, whose shard follows from the <see cref="ShardMap"/>.</param>
public readonly record struct Operation(OperationKind Kind, string Key, long Amount, ShardId AnchorShard)
{
    /// <summary>A debit of <paramref name="amount"/> from <paramref name="account"/>.</summary>
    public static Operation Debit(AccountId account, long amount) => new(OperationKind.Debit, account.Value, amount, default);

    /// <summary>A credit of <paramref name="amount"/> to <paramref name="account"/>.</summary>
    public static Operation Credit(AccountId account, long amount) => new(OperationKind.Credit, account.Value, amount, default);

    /// <summary>A put-if-absent of <paramref name="key"/> on <paramref name="shard"/>.</summary>
    public static Operation Anchor(ShardId shard, string key) => new(OperationKind.Anchor, key, 0, shard);

    /// <summary>True for debit and credit, which touch an account.</summary>
    public bool IsAccountOperation => Kind is OperationKind.Debit or OperationKind.Credit;

    /// <summary>The shard this operation touches.</summary>
    public ShardId ShardIn(ShardMap map) => IsAccountOperation ? map.ShardOf(Key) : AnchorShard;

    /// <summary>The key this operation locks: account ids and anchor keys live in separate lock spaces.</summary>
    public string LockKey => IsAccountOperation ? Key : AnchorLockPrefix + Key;

    // Account ids may not contain control characters, so this prefix can never collide with one.
    private const string AnchorLockPrefix = "\u0001anchor/";
}
