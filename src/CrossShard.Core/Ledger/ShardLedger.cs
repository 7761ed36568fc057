namespace CrossShard.Core.Ledger;

/// <summary>
/// The state one shard owns: account balances with versions and the set of anchor keys.
/// Changed only by <see cref="Apply"/> with the writes of a committed transaction, or by genesis funding.
/// </summary>
public sealed class ShardLedger
{
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    /// <summary>Number of accounts on this shard.</summary>
    public int AccountCount => _accounts.Count;

    /// <summary>Every account and its state, for snapshots and checks (not for the hot path).</summary>
    public IEnumerable<KeyValuePair<string, AccountState>> Accounts => _accounts;

    /// <summary>Every anchor key recorded on this shard.</summary>
    public IReadOnlyCollection<string> Anchors => _anchors;

    /// <summary>Creates an account with an opening balance (genesis); refuses an existing id or a negative balance.</summary>
    public void Open(string account, long balance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(balance);
        if (!_accounts.TryAdd(account, new AccountState(balance, 0)))
        {
            throw new InvalidOperationException($"account '{account}' already exists");
        }
    }

    /// <summary>Replaces the whole state with what a store recovered; only before the ledger is used.</summary>
    public void Restore(IEnumerable<KeyValuePair<string, AccountState>> accounts, IEnumerable<string> anchors)
    {
        _accounts.Clear();
        _anchors.Clear();
        foreach (var (account, state) in accounts)
        {
            _accounts[account] = state;
        }

        _anchors.UnionWith(anchors);
    }

    /// <summary>The state of <paramref name="account"/>, if it exists on this shard.</summary>
    public bool TryGet(string account, out AccountState state) => _accounts.TryGetValue(account, out state);

    /// <summary>True when <paramref name="key"/> was anchored on this shard.</summary>
    public bool HasAnchor(string key) => _anchors.Contains(key);

    /// <summary>The sum of all balances on this shard.</summary>
    public long TotalBalance()
    {
        long total = 0;
        foreach (var state in _accounts.Values)
        {
            total = checked(total + state.Balance);
        }

        return total;
    }

    /// <summary>Installs the writes of a committed transaction (or a recovered one).</summary>
    public void Apply(IReadOnlyList<KeyWrite> writes)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (write.IsAnchor)
            {
                _anchors.Add(write.Key);
            }
            else
            {
                _accounts[write.Key] = write.State;
            }
        }
    }
}
