using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace CrossShard.Cli.Demo;

/// <summary>Writes a demo report as a table (people) or one JSON object (scripts).</summary>
internal static class DemoOutput
{
    public static string ToJson(DemoReport report) => JsonSerializer.Serialize(report, DemoJsonContext.Default.DemoReport);

    public static void WriteTable(IAnsiConsole console, DemoReport report)
    {
        var summary = new Table().Border(TableBorder.Rounded).Title("[bold]CrossShard demo[/]");
        summary.AddColumn("measure");
        summary.AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("shards / accounts", $"{report.Shards} / {N(report.Accounts)}");
        summary.AddRow("transfers (concurrency)", $"{N(report.Transfers)} ({report.Concurrency})");
        summary.AddRow("[green]committed[/]", N(report.Committed));
        summary.AddRow("[yellow]aborted[/]", N(report.Aborted));
        foreach (var (reason, count) in report.AbortReasons)
        {
            summary.AddRow($"  {Markup.Escape(reason)}", N(count));
        }

        if (report.Rejected > 0)
        {
            summary.AddRow("[red]rejected (invalid)[/]", N(report.Rejected));
        }

        summary.AddRow("transfers/s", report.TxPerSec.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("latency p50 / p99", $"{Ms(report.LatencyMs.P50)} / {Ms(report.LatencyMs.P99)}");
        summary.AddRow("signatures", report.Signatures
            ? $"ML-DSA-65, {N(report.SignedMessages)} messages in {N(report.Envelopes)} signed envelopes, {N(report.MlDsaSignatures)} signatures ({(report.MlDsaSignatures == 0 ? 0 : (double)report.SignedMessages / report.MlDsaSignatures).ToString("F1", CultureInfo.InvariantCulture)} messages per signature)"
            : "[red]OFF (--insecure-no-signatures)[/]");
        summary.AddRow("state", report.DataDirectory is null
            ? "in memory"
            : $"RocksDB in {Markup.Escape(report.DataDirectory)} ({(report.Resumed ? "continued from the previous run" : "new")})");
        summary.AddRow("elapsed", $"{report.ElapsedSeconds.ToString("F2", CultureInfo.InvariantCulture)} s");
        console.Write(summary);

        var shards = new Table().Border(TableBorder.Rounded).Title("per-shard totals");
        shards.AddColumn("shard");
        shards.AddColumn(new TableColumn("balance total").RightAligned());
        for (var i = 0; i < report.ShardTotals.Length; i++)
        {
            shards.AddRow($"shard-{i}", N(report.ShardTotals[i]));
        }

        shards.AddRow("[bold]all[/]", $"[bold]{N(report.TotalAfter)}[/]");
        console.Write(shards);

        if (report.ReceiptsWritten > 0)
        {
            console.MarkupLine($"wrote {report.ReceiptsWritten} signed receipts and manifest.json; verify one with [bold]xshard receipt verify <dir>/<txid>.json --manifest <dir>/manifest.json[/]");
        }

        console.MarkupLine(Check("conservation", report.Conserved, $"before {N(report.TotalBefore)}, after {N(report.TotalAfter)}"));
        console.MarkupLine(Check("quiescence", report.Quiescent, "every decision acknowledged, no lock held"));
        if (report.Signatures)
        {
            console.MarkupLine(Check("authentication", report.RejectedEnvelopes == 0, $"{N(report.RejectedEnvelopes)} envelopes rejected"));
        }

        console.MarkupLine(Check("atomicity, isolation, validity, termination", report.Violations.Count == 0, $"{report.Violations.Count} violations"));
        foreach (var violation in report.Violations.Take(10))
        {
            console.MarkupLine($"  [red]{Markup.Escape(violation)}[/]");
        }
    }

    private static string Check(string name, bool ok, string detail) =>
        ok ? $"[green]✓[/] {name}: {Markup.Escape(detail)}" : $"[red]✗ {name}[/]: {Markup.Escape(detail)}";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => $"{value.ToString("F2", CultureInfo.InvariantCulture)} ms";
}
