using System.Globalization;
using Spectre.Console;

namespace CrossShard.Cli.Demo;

/// <summary>Shows a running demo's progress: a live bar on an interactive terminal, otherwise a plain line every second.</summary>
internal static class DemoProgress
{
    public static async Task TrackAsync(IAnsiConsole console, TextWriter plain, bool interactive, DemoCounters counters, int total, Task run)
    {
        if (interactive)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("transfers", maxValue: total);
                    while (!run.IsCompleted)
                    {
                        task.Value = counters.Done;
                        task.Description = $"transfers [green]{counters.Committed:N0}[/] ok [yellow]{counters.Aborted:N0}[/] aborted";
                        await Task.WhenAny(run, Task.Delay(100)).ConfigureAwait(false);
                    }

                    task.Value = counters.Done;
                }).ConfigureAwait(false);
            return;
        }

        var started = DateTime.UtcNow;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(1000)).ConfigureAwait(false);
            if (run.IsFaulted || run.IsCanceled)
            {
                // The failure is reported once, by the caller; a progress line would only bury it.
                return;
            }

            var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 1e-9);
            var done = counters.Done;
            await plain.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"progress: {done:N0}/{total:N0} transfers ({100.0 * done / Math.Max(total, 1):F0}%), committed {counters.Committed:N0}, aborted {counters.Aborted:N0}, {done / seconds:N0} tx/s")).ConfigureAwait(false);
        }
    }
}
