namespace CrossShard.Core.Ledger;

/// <summary>The new state one committed transaction gives one key of a shard: an account's balance and version, or an anchor's creation.</summary>
/// <param name="Key">The account id, or the anchor key when <paramref name="IsAnchor"/>.</param>
/// <param name="IsAnchor">True for an anchor put, false for an account write.</param>
/// <param name="State">The account state after the write (unused for anchors).</param>
public readonly record struct KeyWrite(string Key, bool IsAnchor, AccountState State);
