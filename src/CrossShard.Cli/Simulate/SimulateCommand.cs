using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CrossShard.Simulation;

namespace CrossShard.Cli.Simulate;

/// <summary><c>xshard simulate</c>: deterministic fault simulation — replay one seed, or run a campaign of seeds.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var seed = IntOptions.Ranged("--seed", "replay exactly this seed", 1, 0, int.MaxValue);
        var seeds = IntOptions.Ranged("--seeds", "run this many consecutive seeds starting at --seed", 1, 1, 1_000_000);
        var transactions = IntOptions.Ranged("--transactions", "transactions per seed", 300, 1, 1_000_000);
        var shards = IntOptions.Ranged("--shards", "number of shards", 4, 1, 64);
        var accounts = IntOptions.Ranged("--accounts", "number of accounts (fewer means more contention)", 24, 3, 1_000_000);
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var lockPolicy = ChoiceOptions.LockPolicy();
        var trace = new Option<string?>("--trace") { Description = "write every protocol event of the (single) seed as JSON lines to this file" };
        var command = new Command("simulate", "Run the real protocol under simulated faults (loss, duplication, reordering, partitions, crashes) and check every invariant.")
        {
            seed, seeds, transactions, shards, accounts, lockPolicy, json, trace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SimulationOptions
            {
                Shards = parse.GetValue(shards),
                Accounts = parse.GetValue(accounts),
                Transactions = parse.GetValue(transactions),
            };
            options = options with { Protocol = options.Protocol with { LockPolicy = ChoiceOptions.LockPolicyOf(parse.GetValue(lockPolicy)) } };
            var first = parse.GetValue(seed);
            var count = parse.GetValue(seeds);
            var tracePath = parse.GetValue(trace);
            if (tracePath is not null && count > 1)
            {
                await error.WriteLineAsync("xshard: --trace records one seed; drop --seeds or set it to 1").ConfigureAwait(false);
                return XshardApp.UsageError;
            }

            var campaign = await Task.Run(() => RunCampaign(first, count, options, tracePath, error, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(campaign, SimulateJsonContext.Default.CampaignReport)).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(output, campaign).ConfigureAwait(false);
            }

            return campaign.Violations == 0 ? XshardApp.Ok : XshardApp.InvariantFailed;
        });
        return command;
    }

    private static CampaignReport RunCampaign(int first, int count, SimulationOptions options, string? tracePath, TextWriter error, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var faults = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var failures = new List<FailedSeed>();
        long committed = 0, submitted = 0, steps = 0;
        var simulated = TimeSpan.Zero;
        var ran = 0;
        for (var s = first; s < first + count && !cancellationToken.IsCancellationRequested; s++)
        {
            using var trace = tracePath is null ? null : new JsonLinesTrace(tracePath);
            var result = Simulator.Run(s, options, trace);
            ran++;
            submitted += result.Submitted;
            committed += result.Committed;
            steps += result.Steps;
            simulated += result.SimulatedTime;
            foreach (var (kind, n) in result.Faults)
            {
                faults[kind] = faults.GetValueOrDefault(kind) + n;
            }

            if (result.Violations.Count > 0)
            {
                failures.Add(new FailedSeed(s, result.Violations.Take(5).ToList(), result.ReplayCommand));
                error.WriteLine($"seed {s}: {result.Violations.Count} violation(s): {result.Violations[0]} — replay: {result.ReplayCommand}");
            }
        }

        return new CampaignReport(first, ran, submitted, committed, faults, failures.Count, failures, simulated.TotalSeconds, clock.Elapsed.TotalSeconds, steps);
    }

    private static async Task WriteTextAsync(TextWriter output, CampaignReport report)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seeds {report.FirstSeed}..{report.FirstSeed + report.Seeds - 1}: {report.TransactionsSimulated:N0} transactions simulated, {report.Committed:N0} committed, {report.Steps:N0} steps")).ConfigureAwait(false);
        await output.WriteLineAsync("faults injected: " + string.Join(", ", report.FaultsInjected.Select(static f => $"{f.Key} {f.Value:N0}"))).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"simulated {report.SimulatedSeconds:N0} s in {report.WallSeconds:N1} s of wall time")).ConfigureAwait(false);
        await output.WriteLineAsync($"violations: {report.Violations}").ConfigureAwait(false);
        foreach (var failed in report.FailedSeeds)
        {
            await output.WriteLineAsync($"  seed {failed.Seed}: {failed.Violations[0]}\n    replay: {failed.Replay}").ConfigureAwait(false);
        }
    }
}

/// <summary>The result of a campaign of seeds.</summary>
internal sealed record CampaignReport(
    int FirstSeed,
    int Seeds,
    long TransactionsSimulated,
    long Committed,
    SortedDictionary<string, long> FaultsInjected,
    int Violations,
    IReadOnlyList<FailedSeed> FailedSeeds,
    double SimulatedSeconds,
    double WallSeconds,
    long Steps);

/// <summary>A seed whose run broke an invariant, with the command that replays it.</summary>
internal sealed record FailedSeed(int Seed, IReadOnlyList<string> Violations, string Replay);
