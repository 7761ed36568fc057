using System.CommandLine;
using System.Text.Json;
using CrossShard.Cli.Cluster;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Client;

/// <summary><c>xshard balances</c>: every shard's total, the grand total, and the balance of every genesis account.</summary>
internal static class BalancesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var cluster = new Option<string>("--cluster") { Description = "the cluster directory (its genesis.json names the accounts)", Required = true };
        var json = new Option<bool>("--json") { Description = "print one JSON object: shards, total, genesisTotal, accounts" };
        var command = new Command("balances", "Show each shard's total, the cluster total and every genesis account's balance.") { cluster, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(cluster)!;
            return await ClusterConnection.RunAsync(directory, error, async client =>
            {
                var layout = new ClusterLayout(directory);
                var genesis = File.Exists(layout.Genesis) ? GenesisFile.Load(layout.Genesis) : new GenesisFile([]);
                var balances = await client.GetBalancesAsync(genesis.Accounts.Keys, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    var report = new BalancesJson(
                        [.. balances.ShardTotals.Select(static (total, shard) => new ShardTotalJson(shard, total))],
                        balances.Total,
                        genesis.Total,
                        balances.Accounts);
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, ClientCliJsonContext.Default.BalancesJson)).ConfigureAwait(false);
                    return XshardApp.Ok;
                }

                for (var shard = 0; shard < balances.ShardTotals.Count; shard++)
                {
                    await output.WriteLineAsync($"shard {shard}  total {balances.ShardTotals[shard]}").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"total {balances.Total} (genesis {genesis.Total})").ConfigureAwait(false);
                foreach (var (account, balance) in balances.Accounts)
                {
                    await output.WriteLineAsync($"{account} {(balance is { } b ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : "missing")}").ConfigureAwait(false);
                }

                return XshardApp.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
