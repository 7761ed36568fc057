using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace CrossShard.Cli.Bench;

/// <summary>Writes a bench report as a table (people) or one JSON object (scripts).</summary>
internal static class BenchOutput
{
    public static string ToJson(BenchReport report) => JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);

    public static void WriteTable(IAnsiConsole console, BenchReport report)
    {
        var c = report.Config;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]xshard bench[/]");
        table.AddColumn("measure");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("target", Markup.Escape(report.Target));
        table.AddRow("workload", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{N(c.Accounts)} accounts, {c.CrossShardRatio * 100:0.#}% cross-shard, seed {c.Seed}")));
        table.AddRow("load", c.Rate is { } rate
            ? $"open loop, {N(rate)} transfers/s offered, at most {N(c.Concurrency)} outstanding"
            : $"closed loop, {N(c.Concurrency)} outstanding");
        table.AddRow("window (warmup excluded)", $"{F(report.MeasuredSeconds, 1)} s (after {c.Warmup} s warmup)");
        table.AddRow("[green]committed/s[/]", $"{F(report.CommittedPerSec, 0)} ({N(report.Committed)})");
        table.AddRow("[yellow]aborted/s[/]", $"{F(report.AbortedPerSec, 0)} ({N(report.Aborted)})");
        foreach (var (reason, count) in report.AbortsByReason)
        {
            table.AddRow($"  {Markup.Escape(reason)}", $"{F(count / report.MeasuredSeconds, 0)}/s ({N(count)})");
        }

        if (c.OpenLoop)
        {
            table.AddRow("not admitted/s", $"{F(report.NotAdmittedPerSec, 0)} ({N(report.NotAdmitted)})");
        }

        if (report.Rejected > 0)
        {
            table.AddRow("[red]rejected (invalid)[/]", N(report.Rejected));
        }

        var l = report.LatencyMs;
        table.AddRow("latency p50 / p99 / p99.9 / max", $"{F(l.P50, 2)} / {F(l.P99, 2)} / {F(l.P999, 2)} / {F(l.Max, 2)} ms");
        var spread = report.CommittedPerSecondSpread;
        table.AddRow("committed each second: min/median/max", $"{N(spread.Min)} / {N(spread.Median)} / {N(spread.Max)}");
        table.AddRow("longest stall", $"{F(report.LongestStallMs, 1)} ms");
        table.AddRow("CPU", $"{F(report.CpuPercent, 0)}% of {report.ProcessorCount} cores ({F(report.CpuCores, 2)} cores, {F(report.CpuSeconds, 1)} s)");
        if (report.NodeCpuSeconds is { } nodeCpu)
        {
            table.AddRow("node processes' CPU", $"{F(report.NodeCpuPercent ?? 0, 0)}% of {report.ProcessorCount} cores ({F(nodeCpu, 1)} s)");
        }

        table.AddRow("allocated per committed tx", $"{N((long)report.AllocatedBytesPerTx)} B");
        table.AddRow("peak working set", $"{F(report.PeakWorkingSetBytes / 1048576.0, 0)} MiB");
        table.AddRow("GC gen0 / gen1 / gen2", $"{report.GcCollections.Gen0} / {report.GcCollections.Gen1} / {report.GcCollections.Gen2}");
        // The node processes of cluster mode do not expose their envelope counters.
        var envelopesCounted = c.Mode == BenchMode.Embedded;
        if (c.Signatures && envelopesCounted)
        {
            table.AddRow("messages per signature", report.MlDsaSignatures == 0 ? "-" : F((double)report.SignedMessages / report.MlDsaSignatures, 1));
        }

        console.Write(table);
        console.MarkupLine(Check("conservation", report.Conserved, $"genesis {N(report.GenesisTotal)}, after {N(report.TotalAfter)}"));
        var q = report.InFlightAfterQuiesce;
        console.MarkupLine(Check("quiescence", report.Quiescent, $"{q.Coordinating} coordinating, {q.Participating} participating, {q.LocksHeld} locks held"));
        if (c.Signatures && !envelopesCounted)
        {
            console.MarkupLine("- authentication: not counted (the node processes do not expose their envelope counters)");
        }
        else if (c.Signatures)
        {
            console.MarkupLine(Check("authentication", report.RejectedEnvelopes == 0, $"{N(report.RejectedEnvelopes)} envelopes rejected"));
        }
    }

    private static string Check(string name, bool ok, string detail) =>
        ok ? $"[green]✓[/] {name}: {Markup.Escape(detail)}" : $"[red]✗ {name}[/]: {Markup.Escape(detail)}";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
