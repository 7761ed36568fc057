using System.CommandLine;
using System.Text.Json;
using CrossShard.Core.Ids;
using CrossShard.Node.Api;

namespace CrossShard.Cli.Client;

/// <summary><c>xshard status</c>: a transaction's phase and decision from its coordinator, optionally its signed receipt; exit 1 when no node knows it.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var cluster = new Option<string>("--cluster") { Description = "the cluster directory", Required = true };
        var txId = new Argument<string>("TXID") { Description = "the transaction id (64 hex characters)" };
        var receipt = new Option<string?>("--receipt") { Description = "write the coordinator's signed receipt to this file (decided transactions only)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("status", "Show a transaction's status as its coordinator reports it (exit 1 when no node knows it).") { txId, cluster, receipt, json };
        command.Validators.Add(result =>
        {
            if (result.GetValue(txId) is { } text && !TxId.TryParse(text, out _))
            {
                result.AddError($"'{text}' is not a transaction id (64 hex characters)");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = TxId.Parse(parse.GetValue(txId)!);
            var receiptPath = parse.GetValue(receipt);
            return await ClusterConnection.RunAsync(parse.GetValue(cluster)!, error, async client =>
            {
                var status = await client.GetStatusAsync(id, includeReceipt: receiptPath is not null, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (status.Phase == TransactionPhase.Unknown)
                {
                    await error.WriteLineAsync($"xshard: {id} is unknown to every node of the cluster (never submitted, forgotten, or its coordinator restarted)").ConfigureAwait(false);
                    return XshardApp.InvariantFailed;
                }

                if (receiptPath is not null)
                {
                    if (status.ReceiptJson is null)
                    {
                        await error.WriteLineAsync($"xshard: {id} is {status.Phase} at shard {status.Coordinator?.Value}; no receipt until it is decided").ConfigureAwait(false);
                        return XshardApp.Failed;
                    }

                    await File.WriteAllTextAsync(receiptPath, status.ReceiptJson + "\n", cancellationToken).ConfigureAwait(false);
                }

                var decision = status.Decision?.ToString().ToLowerInvariant();
                var reason = status.AbortReason == Core.Messages.AbortReason.None ? null : status.AbortReason.ToString();
                if (parse.GetValue(json))
                {
                    var report = new StatusJson(id.ToString(), status.Phase.ToString(), decision, reason, status.Coordinator?.Value, receiptPath);
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, ClientCliJsonContext.Default.StatusJson)).ConfigureAwait(false);
                }
                else
                {
                    var detail = decision is null ? "undecided" : reason is null ? decision : $"{decision}: {reason}";
                    await output.WriteLineAsync($"{id} {status.Phase} ({detail}) coordinator shard {status.Coordinator?.Value}{(receiptPath is null ? string.Empty : $"; receipt written to {receiptPath}")}").ConfigureAwait(false);
                }

                return XshardApp.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
