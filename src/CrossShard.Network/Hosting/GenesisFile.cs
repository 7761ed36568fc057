using CrossShard.Core.Ids;

namespace CrossShard.Network.Hosting;

/// <summary>
/// The opening balances of a cluster (a JSON file: <c>{"format": 1, "accounts": {"acct-0000": 1000, …}}</c>). Every
/// node reads the same file and opens the accounts its shard owns, only when its store is new: a restarted node keeps
/// its own balances.
/// </summary>
public sealed class GenesisFile
{
    /// <summary>The genesis format this build reads and writes.</summary>
    public const int CurrentFormat = 1;

    private readonly Dictionary<string, long> _accounts;

    /// <summary>Creates a genesis from account balances, validating every account id and balance and the total.</summary>
    /// <exception cref="NodeConfigException">An invalid account id, a negative balance, or a total beyond a 64-bit balance.</exception>
    public GenesisFile(IEnumerable<KeyValuePair<string, long>> accounts, string file = "genesis")
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var (account, balance) in accounts)
        {
            if (!AccountId.IsValid(account))
            {
                throw new NodeConfigException(file, $"accounts.{account}", $"is not a valid account id (1..{AccountId.MaxBytes} UTF-8 bytes, no control characters)");
            }

            if (balance < 0)
            {
                throw new NodeConfigException(file, $"accounts.{account}", $"balance must not be negative, got {balance}");
            }

            if (!_accounts.TryAdd(account, balance))
            {
                throw new NodeConfigException(file, $"accounts.{account}", "appears twice");
            }

            try
            {
                total = checked(total + balance);
            }
            catch (OverflowException e)
            {
                throw new NodeConfigException(file, "accounts", "the balances add up to more than a 64-bit balance holds", e);
            }
        }

        Total = total;
    }

    /// <summary>Account ids and their opening balances, in file order.</summary>
    public IReadOnlyDictionary<string, long> Accounts => _accounts;

    /// <summary>The sum of every opening balance: what the cluster's total stays forever.</summary>
    public long Total { get; }

    /// <summary>Loads and validates the genesis at <paramref name="path"/>.</summary>
    /// <exception cref="NodeConfigException">Missing, unreadable, not JSON, or a broken rule.</exception>
    public static GenesisFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = JsonFiles.Read(path, HostingJsonContext.Default.GenesisDocument);
        var format = document.Format ?? throw new NodeConfigException(path, "format", "is missing");
        if (format != CurrentFormat)
        {
            throw new NodeConfigException(path, "format", $"{format} is not supported (this build reads format {CurrentFormat})");
        }

        var accounts = document.Accounts ?? throw new NodeConfigException(path, "accounts", "is missing");
        return new GenesisFile(
            accounts.Select(a => KeyValuePair.Create(a.Key, a.Value ?? throw new NodeConfigException(path, $"accounts.{a.Key}", "balance is null"))),
            path);
    }

    /// <summary>Writes the genesis as JSON to <paramref name="path"/> (atomically).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = new GenesisDocument { Format = CurrentFormat, Accounts = _accounts.ToDictionary(static a => a.Key, static a => (long?)a.Value, StringComparer.Ordinal) };
        JsonFiles.Write(path, document, HostingJsonContext.Default.GenesisDocument);
    }
}
