using System.CommandLine;
using System.Text.Json;
using CrossShard.Core.Ids;
using CrossShard.Node.Api;

namespace CrossShard.Cli.Client;

/// <summary><c>xshard submit</c>: one transfer through a running cluster; exit 0 when committed, 1 when aborted.</summary>
internal static class SubmitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var cluster = new Option<string>("--cluster") { Description = "the cluster directory (its manifest.json says where the nodes are)", Required = true };
        var from = new Option<string>("--from") { Description = "account to debit", Required = true };
        var to = new Option<string>("--to") { Description = "account to credit", Required = true };
        var amount = new Option<long>("--amount") { Description = "amount to move (positive)", Required = true };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("submit", "Transfer an amount between two accounts of a running cluster (exit 0 committed, 1 aborted).") { cluster, from, to, amount, json };
        command.Validators.Add(result =>
        {
            foreach (var option in new[] { from, to })
            {
                if (result.GetResult(option) is not null && result.GetValue(option) is { } account && !AccountId.IsValid(account))
                {
                    result.AddError($"{option.Name} '{account}' is not a valid account id");
                }
            }

            if (result.GetResult(amount) is not null && ParsedValue.TryGet(result, amount, out var value) && value <= 0)
            {
                result.AddError($"--amount must be positive, got {value}");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return await ClusterConnection.RunAsync(parse.GetValue(cluster)!, error, async client =>
            {
                var transfer = CrossShardTransaction.Transfer(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(amount), NextNonce());
                var coordinator = client.CoordinatorOf(transfer);
                var outcome = await client.SubmitAsync(transfer, cancellationToken).ConfigureAwait(false);
                if (asJson)
                {
                    var report = new SubmitJson(
                        outcome.Tx.ToString(),
                        outcome.IsCommitted ? "commit" : "abort",
                        outcome.IsCommitted ? null : outcome.Reason.ToString(),
                        outcome.Shard?.Value,
                        coordinator.Value);
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, ClientCliJsonContext.Default.SubmitJson)).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync(outcome.IsCommitted
                        ? $"committed {outcome.Tx} (coordinator shard {coordinator.Value})"
                        : $"aborted {outcome.Tx}: {outcome.Reason}{(outcome.Shard is { } s ? $" at {s}" : string.Empty)} (coordinator shard {coordinator.Value})").ConfigureAwait(false);
                }

                return outcome.IsCommitted ? XshardApp.Ok : XshardApp.InvariantFailed;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static ulong NextNonce() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
