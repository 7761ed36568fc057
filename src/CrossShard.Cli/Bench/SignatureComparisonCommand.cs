using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace CrossShard.Cli.Bench;

/// <summary>Runs and reports <c>xshard bench --signatures both</c> (<see cref="SignatureComparison"/>).</summary>
internal static class SignatureComparisonCommand
{
    /// <summary>The one-line reason cluster mode cannot compare: its node processes always sign.</summary>
    public const string EmbeddedOnly = "--signatures both needs --mode embedded: the node processes of cluster mode always sign";

    public static async Task<int> RunAsync(BenchSettings settings, int rounds, bool asJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Mode != BenchMode.Embedded)
        {
            await error.WriteLineAsync($"xshard: {EmbeddedOnly}").ConfigureAwait(false);
            return XshardApp.Failed;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!asJson)
        {
            await error.WriteLineAsync("WARNING: --signatures both: every round also runs with messages between nodes NOT signed or verified, only to measure the cost of signatures.").ConfigureAwait(false);
        }

        var done = new List<SignatureComparisonRound>(rounds);
        for (var round = 1; round <= rounds; round++)
        {
            // Odd rounds run signed first, even rounds unsigned first: a drift over the session favours neither.
            var signedFirst = round % 2 == 1;
            BenchReport? signed = null, unsigned = null;
            foreach (var signs in signedFirst ? new[] { true, false } : [false, true])
            {
                if (!asJson)
                {
                    await error.WriteLineAsync($"bench: round {round} of {rounds}, {(signs ? "signed" : "unsigned")}").ConfigureAwait(false);
                }

                var (report, code) = await BenchCommand.MeasureAsync(settings with { Signatures = signs }, asJson, console, output, error, cancellationToken).ConfigureAwait(false);
                if (report is null)
                {
                    return code;
                }

                if (signs)
                {
                    signed = report;
                }
                else
                {
                    unsigned = report;
                }
            }

            done.Add(new SignatureComparisonRound(round, signedFirst, signed!, unsigned!));
        }

        var comparison = new SignatureComparison(done);
        if (asJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(comparison, BenchJsonContext.Default.SignatureComparison)).ConfigureAwait(false);
        }
        else
        {
            WriteTable(console, comparison);
        }

        return comparison.InvariantsHold ? XshardApp.Ok : XshardApp.InvariantFailed;
    }

    private static void WriteTable(IAnsiConsole console, SignatureComparison comparison)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]xshard bench: signed vs unsigned[/]")
            .Caption("s/u: the signed run went first; u/s: the unsigned one did");
        table.AddColumn("round");
        table.AddColumn(new TableColumn("signed committed/s").RightAligned());
        table.AddColumn(new TableColumn("unsigned committed/s").RightAligned());
        table.AddColumn(new TableColumn("signed / unsigned").RightAligned());
        table.AddColumn("checks");
        foreach (var r in comparison.Rounds)
        {
            table.AddRow(
                $"{r.Round} ({(r.SignedFirst ? "s/u" : "u/s")})",
                F(r.Signed.CommittedPerSec, 0),
                F(r.Unsigned.CommittedPerSec, 0),
                F(r.Ratio, 3),
                r.Signed.InvariantsHold && r.Unsigned.InvariantsHold ? "[green]hold[/]" : "[red]FAILED[/]");
        }

        table.AddRow("[bold]median[/]", string.Empty, string.Empty, $"[bold]{F(comparison.MedianRatio, 3)}[/]", string.Empty);
        table.AddRow("min / max", string.Empty, string.Empty, $"{F(comparison.MinRatio, 3)} / {F(comparison.MaxRatio, 3)}", string.Empty);
        console.Write(table);
    }

    private static string F(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
