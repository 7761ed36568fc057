using System.CommandLine;
using System.Text.Json;
using CrossShard.Node.Manifest;
using CrossShard.Node.Receipts;

namespace CrossShard.Cli.Receipts;

/// <summary><c>xshard receipt verify</c>: checks a receipt against the cluster manifest; exit 0 valid, 1 invalid, 3 unreadable input.</summary>
internal static class ReceiptVerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "the receipt (JSON)" };
        var manifest = new Option<string>("--manifest") { Description = "the cluster manifest holding the coordinator's public key", Required = true };
        var json = new Option<bool>("--json") { Description = "print one JSON object (valid, status, detail, ...) instead of a line" };
        var command = new Command("verify", "Check a receipt's cluster, coordinator and ML-DSA signature against the cluster manifest.")
        {
            file, manifest, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(parse.GetValue(file)!, parse.GetValue(manifest)!, parse.GetValue(json), output, error).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string receiptPath, string manifestPath, bool asJson, TextWriter output, TextWriter error)
    {
        ClusterManifest manifest;
        TransactionReceipt receipt;
        try
        {
            manifest = ClusterManifest.Load(manifestPath);
            receipt = ReceiptJson.ReadFile(receiptPath);
        }
        catch (Exception e) when (e is ManifestException or ReceiptFormatException)
        {
            await error.WriteLineAsync($"xshard: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return XshardApp.Failed;
        }

        var result = new ReceiptVerifier(manifest).Verify(receipt);
        if (asJson)
        {
            var report = ReceiptVerifyReport.From(receipt, result);
            await output.WriteLineAsync(JsonSerializer.Serialize(report, ReceiptCliJsonContext.Default.ReceiptVerifyReport)).ConfigureAwait(false);
        }
        else if (result.IsValid)
        {
            await output.WriteLineAsync(result.Detail).ConfigureAwait(false);
        }
        else
        {
            await error.WriteLineAsync($"xshard: receipt is invalid: {result.Detail}").ConfigureAwait(false);
        }

        return result.IsValid ? XshardApp.Ok : XshardApp.InvariantFailed;
    }
}
