namespace CrossShard.Core.Ledger;

/// <summary>An account's balance and the version that increases with every committed change to it.</summary>
public readonly record struct AccountState(long Balance, long Version);
