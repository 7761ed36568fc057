using System.CommandLine;
using CrossShard.Cli.Terminal;
using Spectre.Console;

namespace CrossShard.Cli.Demo;

/// <summary><c>xshard demo</c>: a local multi-shard cluster doing real transfers, with progress, a report and the invariant checks.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var shards = IntOptions.Ranged("--shards", "number of shards", 4, 1, 64);
        var accounts = IntOptions.Ranged("--accounts", "number of funded accounts", 10_000, 2, 10_000_000);
        var transfers = IntOptions.Ranged("--transfers", "number of transfers to run", 20_000, 1, 50_000_000);
        var concurrency = IntOptions.Ranged("--concurrency", "transfers in flight at once", 256, 1, 100_000);
        var seed = IntOptions.Ranged("--seed", "workload seed", 42, 0, int.MaxValue);
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of the table" };
        var receipts = new Option<string?>("--receipts") { Description = $"write signed receipts of the first {DemoSettings.ReceiptCount} transfers and manifest.json into this directory" };
        var data = new Option<string?>("--data") { Description = "keep each shard's state in RocksDB under this directory; a later run continues from its balances" };
        var insecure = new Option<bool>("--insecure-no-signatures") { Description = "INSECURE: send messages between nodes unsigned, only to measure what signatures cost" };
        var lockPolicy = ChoiceOptions.LockPolicy();
        var command = new Command("demo", "Run random cross-shard transfers on a local embedded cluster and check every invariant.")
        {
            shards, accounts, transfers, concurrency, seed, lockPolicy, json, receipts, data, insecure,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new DemoSettings(
                parse.GetValue(shards),
                parse.GetValue(accounts),
                parse.GetValue(transfers),
                parse.GetValue(concurrency),
                parse.GetValue(seed),
                Signatures: !parse.GetValue(insecure),
                ReceiptsDirectory: parse.GetValue(receipts),
                DataDirectory: parse.GetValue(data),
                LockPolicy: ChoiceOptions.LockPolicyOf(parse.GetValue(lockPolicy)));
            if (settings.ReceiptsDirectory is not null && !settings.Signatures)
            {
                await error.WriteLineAsync("xshard: --receipts needs signatures; it cannot be combined with --insecure-no-signatures").ConfigureAwait(false);
                return XshardApp.UsageError;
            }

            var asJson = parse.GetValue(json);
            return await RunAsync(settings, asJson, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(DemoSettings settings, bool asJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // A live bar needs a terminal; redirected output and JSON mode get plain lines on stderr instead.
        var interactive = LiveProgress.IsInteractive(console, output, asJson);
        if (!asJson)
        {
            console.MarkupLine($"Funding {settings.Accounts:N0} accounts on {settings.Shards} shards, then {settings.Transfers:N0} transfers at concurrency {settings.Concurrency} (seed {settings.Seed})…");
        }

        if (!settings.Signatures)
        {
            await error.WriteLineAsync("WARNING: --insecure-no-signatures: messages between nodes are NOT signed or verified. Use this only to measure the cost of signatures.").ConfigureAwait(false);
        }

        var runner = new DemoRunner(settings);
        var run = runner.RunAsync(cancellationToken);
        await DemoProgress.TrackAsync(console, error, interactive, runner.Counters, settings.Transfers, run).ConfigureAwait(false);
        var report = await run.ConfigureAwait(false);
        if (asJson)
        {
            await output.WriteLineAsync(DemoOutput.ToJson(report)).ConfigureAwait(false);
        }
        else
        {
            DemoOutput.WriteTable(console, report);
        }

        return report.InvariantsHold ? XshardApp.Ok : XshardApp.InvariantFailed;
    }
}
