using Spectre.Console;

namespace CrossShard.Cli.Terminal;

/// <summary>One reading of a running command's progress.</summary>
/// <param name="Value">How far it is, out of the maximum given to <see cref="LiveProgress.TrackAsync"/>.</param>
/// <param name="Markup">The live bar's description (Spectre markup).</param>
/// <param name="Plain">The plain line printed when the output is not a terminal.</param>
internal readonly record struct ProgressReading(double Value, string Markup, string Plain);

/// <summary>Shows a running command's progress: a live bar on an interactive terminal, otherwise a plain line every second.</summary>
internal static class LiveProgress
{
    /// <summary>True when a live bar can be drawn: a terminal on stdout and no JSON asked for.</summary>
    public static bool IsInteractive(IAnsiConsole console, TextWriter output, bool asJson) =>
        !asJson && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;

    /// <summary>Reads <paramref name="read"/> and shows it until <paramref name="run"/> completes.</summary>
    public static async Task TrackAsync(IAnsiConsole console, TextWriter plain, bool interactive, double maxValue, Func<ProgressReading> read, Task run)
    {
        if (interactive)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(read().Markup, maxValue: maxValue);
                    while (!run.IsCompleted)
                    {
                        var reading = read();
                        task.Value = reading.Value;
                        task.Description = reading.Markup;
                        await Task.WhenAny(run, Task.Delay(100)).ConfigureAwait(false);
                    }

                    task.Value = read().Value;
                }).ConfigureAwait(false);
            return;
        }

        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(1000)).ConfigureAwait(false);
            if (run.IsCompleted)
            {
                // A failure is reported once, by the caller; a last progress line would only bury it.
                return;
            }

            await plain.WriteLineAsync(read().Plain).ConfigureAwait(false);
        }
    }
}
