using System.CommandLine;
using System.Security.Cryptography;
using CrossShard.Crypto.KeyFiles;
using CrossShard.Network.Hosting;
using CrossShard.Node.Manifest;

namespace CrossShard.Cli.Cluster;

/// <summary>
/// <c>xshard cluster init</c>: writes everything a multi-process cluster on this machine needs: the manifest, one key
/// file (0600) and one config per node (listening on 127.0.0.1), and a genesis funding K accounts.
/// </summary>
internal static class ClusterInitCommand
{
    public const int MaxShards = 64;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var shards = IntOptions.Ranged("--shards", "number of shard nodes", 3, 1, MaxShards);
        var dir = new Option<string>("--dir") { Description = "directory to create the cluster in (must be empty or absent)", Required = true };
        var basePort = IntOptions.Ranged("--base-port", "gRPC port of shard 0; shard i listens on base+i", 7400, 1, 65535);
        var healthBasePort = new Option<int?>("--health-base-port") { Description = "health port of shard 0; shard i answers on it+i (default base-port + shards)" };
        var accounts = IntOptions.Ranged("--accounts", "genesis accounts, named acct-0000, acct-0001, …", 100, 0, 1_000_000);
        var balance = new Option<long>("--initial-balance") { Description = "opening balance of every genesis account (default 1000)", DefaultValueFactory = _ => 1000 };
        var clusterId = new Option<string?>("--cluster-id") { Description = "the cluster id (default xshard-<8 random hex digits>)" };
        var force = new Option<bool>("--force") { Description = "write into a non-empty directory, replacing its cluster files and deleting its data/ directory (the old cluster's state)" };
        var lockPolicy = ChoiceOptions.LockPolicy();
        var command = new Command("init", "Create the manifest, node keys, node configs and genesis of a cluster on this machine.")
        {
            shards, dir, basePort, healthBasePort, accounts, balance, clusterId, lockPolicy, force,
        };
        command.Validators.Add(result =>
        {
            if (!ParsedValue.TryGet(result, shards, out var n) || !ParsedValue.TryGet(result, basePort, out var p)
                || !ParsedValue.TryGet(result, healthBasePort, out var healthBase) || !ParsedValue.TryGet(result, accounts, out var k)
                || !ParsedValue.TryGet(result, balance, out var b))
            {
                return;
            }

            if (b < 0)
            {
                result.AddError($"--initial-balance must not be negative, got {b}");
            }
            else if (k > 0 && b > long.MaxValue / k)
            {
                result.AddError("--accounts times --initial-balance exceeds a 64-bit balance");
            }

            // Out-of-range counts and ports have their own errors already.
            var h = healthBase ?? p + n;
            if (n is >= 1 and <= MaxShards && p is >= 1 and <= 65535)
            {
                if (p + (n - 1) > 65535 || h < 1 || h + (n - 1) > 65535)
                {
                    result.AddError($"ports {p}..{p + n - 1} and health ports {h}..{h + n - 1} must lie in 1..65535");
                }
                else if (h < p + n && p < h + n)
                {
                    result.AddError($"health ports {h}..{h + n - 1} overlap the gRPC ports {p}..{p + n - 1}");
                }
            }

            if (result.GetValue(clusterId) is { } id && NodeConfig.CheckClusterId(id) is { } problem)
            {
                result.AddError($"--cluster-id: {problem}");
            }
        });
        command.SetAction(async (parse, _) =>
        {
            var n = parse.GetValue(shards);
            var p = parse.GetValue(basePort);
            var request = new InitRequest(
                new ClusterLayout(parse.GetValue(dir)!),
                n,
                p,
                parse.GetValue(healthBasePort) ?? p + n,
                parse.GetValue(accounts),
                parse.GetValue(balance),
                parse.GetValue(clusterId) ?? $"xshard-{RandomNumberGenerator.GetHexString(8, lowercase: true)}",
                parse.GetValue(force),
                ChoiceOptions.LockPolicyOf(parse.GetValue(lockPolicy)));
            return await RunAsync(request, output, error).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(InitRequest request, TextWriter output, TextWriter error)
    {
        var layout = request.Layout;
        if (File.Exists(layout.Directory))
        {
            await error.WriteLineAsync($"xshard: {layout.Directory} is a file, not a directory").ConfigureAwait(false);
            return XshardApp.Failed;
        }

        if (Directory.Exists(layout.Directory) && Directory.EnumerateFileSystemEntries(layout.Directory).Any())
        {
            if (!request.Force)
            {
                await error.WriteLineAsync($"xshard: {layout.Directory} is not empty; refusing to write a cluster there (use --force to replace its cluster files and delete its data/)").ConfigureAwait(false);
                return XshardApp.Failed;
            }

            if (Directory.Exists(layout.DataRoot))
            {
                Directory.Delete(layout.DataRoot, recursive: true);
            }
        }

        try
        {
            Directory.CreateDirectory(layout.DataRoot);
            var genesis = new GenesisFile(Enumerable.Range(0, request.Accounts).Select(i => KeyValuePair.Create(ClusterLayout.AccountName(i, request.Accounts), request.InitialBalance)));
            ClusterFiles.Write(
                layout,
                request.ClusterId,
                [.. Enumerable.Range(0, request.Shards).Select(i => new ClusterFiles.NodePorts(request.BasePort + i, request.HealthBasePort + i))],
                genesis,
                request.LockPolicy);
            await output.WriteLineAsync($"cluster '{request.ClusterId}': {request.Shards} shards in {layout.Directory}").ConfigureAwait(false);
            for (var i = 0; i < request.Shards; i++)
            {
                await output.WriteLineAsync($"  shard {i}: gRPC 127.0.0.1:{request.BasePort + i}, health http://127.0.0.1:{request.HealthBasePort + i}/health, {ClusterLayout.ConfigFileName(i)}, {ClusterLayout.KeyFileName(i)}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"  genesis: {request.Accounts} accounts x {request.InitialBalance} = {genesis.Total}").ConfigureAwait(false);
            await output.WriteLineAsync($"start it with: xshard cluster up --dir {layout.Directory}").ConfigureAwait(false);
            return XshardApp.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KeyFileException or ManifestException or NodeConfigException)
        {
            await error.WriteLineAsync($"xshard: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return XshardApp.Failed;
        }
    }

    private sealed record InitRequest(ClusterLayout Layout, int Shards, int BasePort, int HealthBasePort, int Accounts, long InitialBalance, string ClusterId, bool Force, Core.Locks.LockPolicy LockPolicy);
}
