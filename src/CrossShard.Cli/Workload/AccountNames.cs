namespace CrossShard.Cli.Workload;

/// <summary>The account names the load generators fund and move money between.</summary>
internal static class AccountNames
{
    /// <summary>The name of account number <paramref name="index"/>.</summary>
    public static string Of(int index) => $"acct-{index:D7}";
}
