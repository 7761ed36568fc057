using System.CommandLine;
using CrossShard.Cli.Terminal;
using CrossShard.Core.Transactions;
using Spectre.Console;

namespace CrossShard.Cli.Bench;

/// <summary><c>xshard bench</c>: load a cluster for a fixed time and report throughput, latency, cost and the invariant check.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var mode = ChoiceOptions.OneOf("--mode", "embedded: every node in this process; cluster: separate node processes over gRPC", "embedded", "embedded", "cluster");
        var shards = IntOptions.Ranged("--shards", "number of shards", 4, 1, 64);
        var accounts = IntOptions.Ranged("--accounts", "number of funded accounts", 10_000, 2, 10_000_000);
        var ratio = ChoiceOptions.Fraction("--cross-shard-ratio", "fraction of transfers between accounts on different shards", 1.0, 0, 1);
        var concurrency = IntOptions.OptionalRanged("--concurrency", $"closed loop: transfers kept outstanding (default {BenchSettings.DefaultConcurrency}); with --rate: the most outstanding before transfers are not admitted (default {BenchSettings.DefaultOpenLoopLimit})", 1, 1_000_000);
        var rate = IntOptions.OptionalRanged("--rate", "open loop: offer this many transfers per second whatever the answers (closed loop when absent)", 1, 10_000_000);
        var seconds = IntOptions.Ranged("--seconds", "length of the measured window in seconds", 10, 1, 86_400);
        var warmup = IntOptions.Ranged("--warmup", "seconds of load before the window, excluded from every number", 2, 0, 3_600);
        var signatures = ChoiceOptions.OneOf("--signatures", "sign and verify every message between nodes with ML-DSA-65 (off only to measure what it costs; both: signed and unsigned runs alternately, --rounds times, and their ratios)", "on", "on", "off", "both");
        var rounds = IntOptions.Ranged("--rounds", "with --signatures both: how many signed/unsigned pairs to run", 3, 1, 100);
        var durable = ChoiceOptions.OneOf("--durable", "RocksDB stores with synced group commit in a fresh temporary directory, removed afterwards (off: in memory)", "on", "on", "off");
        var lockPolicy = ChoiceOptions.LockPolicy();
        var seed = IntOptions.Ranged("--seed", "workload seed", 42, 0, int.MaxValue);
        var json = new Option<bool>("--json") { Description = "print one JSON object and nothing else" };
        var command = new Command("bench", "Load a cluster for a fixed time; report committed/s, aborts, latency percentiles, CPU, allocations, stalls, and check conservation.")
        {
            mode, shards, accounts, ratio, concurrency, rate, seconds, warmup, signatures, rounds, durable, lockPolicy, seed, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var openLoop = parse.GetValue(rate) is not null;
            var settings = new BenchSettings
            {
                Mode = parse.GetValue(mode) == "cluster" ? BenchMode.Cluster : BenchMode.Embedded,
                Shards = parse.GetValue(shards),
                Accounts = parse.GetValue(accounts),
                CrossShardRatio = parse.GetValue(ratio),
                Concurrency = parse.GetValue(concurrency) ?? (openLoop ? BenchSettings.DefaultOpenLoopLimit : BenchSettings.DefaultConcurrency),
                Rate = parse.GetValue(rate),
                Seconds = parse.GetValue(seconds),
                Warmup = parse.GetValue(warmup),
                Signatures = parse.GetValue(signatures) == "on",
                Durable = parse.GetValue(durable) == "on",
                LockPolicy = ChoiceOptions.LockPolicyOf(parse.GetValue(lockPolicy)),
                Seed = parse.GetValue(seed),
            };
            if (parse.GetValue(signatures) == "both")
            {
                return await SignatureComparisonCommand.RunAsync(settings, parse.GetValue(rounds), parse.GetValue(json), output, error, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetResult(rounds) is { Implicit: false })
            {
                await error.WriteLineAsync("xshard: --rounds needs --signatures both").ConfigureAwait(false);
                return XshardApp.UsageError;
            }

            return await RunAsync(settings, parse.GetValue(json), output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSettings settings, bool asJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!asJson && !settings.Signatures)
        {
            await error.WriteLineAsync("WARNING: --signatures off: messages between nodes are NOT signed or verified. Use this only to measure the cost of signatures.").ConfigureAwait(false);
        }

        var (report, code) = await MeasureAsync(settings, asJson, console, output, error, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return code;
        }

        if (asJson)
        {
            await output.WriteLineAsync(BenchOutput.ToJson(report)).ConfigureAwait(false);
        }
        else
        {
            BenchOutput.WriteTable(console, report);
        }

        return report.InvariantsHold ? XshardApp.Ok : XshardApp.InvariantFailed;
    }

    /// <summary>
    /// One run on a fresh target, with progress unless <paramref name="quiet"/>: the report, or null and the exit code
    /// when the workload is impossible or the target cannot run.
    /// </summary>
    internal static async Task<(BenchReport? Report, int Code)> MeasureAsync(BenchSettings settings, bool quiet, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IBenchTarget target;
        try
        {
            target = BenchTargets.Create(settings);
        }
        catch (BenchTargetUnavailableException ex)
        {
            await error.WriteLineAsync($"xshard: {ex.Message}").ConfigureAwait(false);
            return (null, XshardApp.Failed);
        }

        await using var stopTarget = target.ConfigureAwait(false);
        var accounts = new BenchAccounts(settings.Accounts, new ShardMap(settings.Shards));
        if (TransferPairs.Problem(accounts, settings.CrossShardRatio) is { } problem)
        {
            await error.WriteLineAsync($"xshard: {problem}").ConfigureAwait(false);
            return (null, XshardApp.UsageError);
        }

        var interactive = LiveProgress.IsInteractive(console, output, quiet);
        var driver = new BenchDriver(settings, target, accounts);
        var run = driver.RunAsync(cancellationToken);
        try
        {
            if (!quiet)
            {
                await BenchProgress.TrackAsync(console, error, interactive, settings, driver, run).ConfigureAwait(false);
            }

            return (await run.ConfigureAwait(false), XshardApp.Ok);
        }
        catch (BenchTargetUnavailableException ex)
        {
            // The target failed to start or stopped answering (cluster mode: a node did not come up or went away).
            await error.WriteLineAsync($"xshard: {ex.Message}").ConfigureAwait(false);
            return (null, XshardApp.Failed);
        }
    }
}
