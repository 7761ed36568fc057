namespace CrossShard.Cli.Demo;

/// <summary>What one <c>xshard demo</c> run does.</summary>
/// <param name="Shards">Number of shards.</param>
/// <param name="Accounts">Number of funded accounts.</param>
/// <param name="Transfers">Number of transfers to attempt.</param>
/// <param name="Concurrency">Transfers in flight at once.</param>
/// <param name="Seed">Seed of the workload and of the nodes' jitter.</param>
/// <param name="Signatures">Sign and verify every message between nodes (off only to measure the cost).</param>
/// <param name="ReceiptsDirectory">Where to write signed receipts of the first transfers and the manifest to verify them with; none when null.</param>
/// <param name="DataDirectory">Keep each shard's state in RocksDB under this directory; a later run continues from it. In memory when null.</param>
/// <param name="InitialBalance">Opening balance of every account.</param>
/// <param name="LockPolicy">What the nodes' prepares do when an account is locked.</param>
public sealed record DemoSettings(int Shards, int Accounts, int Transfers, int Concurrency, int Seed, bool Signatures = true, string? ReceiptsDirectory = null, string? DataDirectory = null, long InitialBalance = 1_000, Core.Locks.LockPolicy LockPolicy = Core.Locks.LockPolicy.NoWait)
{
    /// <summary>How many of the first transfers get a receipt written with <see cref="ReceiptsDirectory"/>.</summary>
    public const int ReceiptCount = 100;
}
