using System.Diagnostics;
using System.Globalization;
using CrossShard.Cli.Terminal;
using Spectre.Console;

namespace CrossShard.Cli.Bench;

/// <summary>What a running benchmark shows: the phase, seconds elapsed of warmup plus window, and the window's counts so far.</summary>
internal static class BenchProgress
{
    public static Task TrackAsync(IAnsiConsole console, TextWriter plain, bool interactive, BenchSettings settings, BenchDriver driver, Task run)
    {
        var total = settings.Warmup + settings.Seconds;
        return LiveProgress.TrackAsync(console, plain, interactive, total, Read, run);

        ProgressReading Read()
        {
            var phase = driver.Phase;
            if (driver.Recorder is not { } recorder || phase == BenchPhase.Starting)
            {
                return new ProgressReading(0, "funding accounts, starting nodes", $"bench: funding {settings.Accounts:N0} accounts, starting {settings.Shards} shards");
            }

            var elapsed = Math.Min(Stopwatch.GetElapsedTime(driver.LoadStart).TotalSeconds, total);
            var measured = Math.Max(Stopwatch.GetElapsedTime(recorder.WindowStart).TotalSeconds, 1e-9);
            var (markup, plainText) = phase switch
            {
                BenchPhase.Warmup => (
                    $"warmup ({recorder.DecidedAll:N0} decided)",
                    $"bench: warmup {elapsed:F0}/{settings.Warmup} s, {recorder.DecidedAll:N0} decided"),
                BenchPhase.Measuring => (
                    $"measuring [green]{recorder.Committed:N0}[/] committed ({recorder.Committed / measured:N0}/s) [yellow]{recorder.Aborted:N0}[/] aborted",
                    $"bench: measuring {elapsed - settings.Warmup:F0}/{settings.Seconds} s, committed {recorder.Committed:N0} ({recorder.Committed / measured:N0}/s), aborted {recorder.Aborted:N0}{(settings.OpenLoop ? $", not admitted {recorder.NotAdmitted:N0}" : string.Empty)}"),
                _ => (
                    "draining, settling, checking",
                    "bench: window closed; waiting for outstanding transfers, then for the cluster to settle"),
            };
            return new ProgressReading(elapsed, markup, string.Create(CultureInfo.InvariantCulture, $"{plainText}"));
        }
    }
}
