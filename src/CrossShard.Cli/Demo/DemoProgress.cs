using System.Diagnostics;
using System.Globalization;
using CrossShard.Cli.Terminal;
using Spectre.Console;

namespace CrossShard.Cli.Demo;

/// <summary>What a running demo shows: transfers done out of the total, committed and aborted so far, and the rate.</summary>
internal static class DemoProgress
{
    public static Task TrackAsync(IAnsiConsole console, TextWriter plain, bool interactive, DemoCounters counters, int total, Task run)
    {
        var clock = Stopwatch.StartNew();
        return LiveProgress.TrackAsync(console, plain, interactive, total, Read, run);

        ProgressReading Read()
        {
            var done = counters.Done;
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            return new ProgressReading(
                done,
                $"transfers [green]{counters.Committed:N0}[/] ok [yellow]{counters.Aborted:N0}[/] aborted",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"progress: {done:N0}/{total:N0} transfers ({100.0 * done / Math.Max(total, 1):F0}%), committed {counters.Committed:N0}, aborted {counters.Aborted:N0}, {done / seconds:N0} tx/s"));
        }
    }
}
