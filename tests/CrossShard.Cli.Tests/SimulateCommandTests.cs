using System.Text.Json;
using CrossShard.Cli;

namespace CrossShard.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _trace = Path.Combine(Path.GetTempPath(), $"xshard-trace-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_trace);

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => Xshard.RunAsync(args);

    [Fact]
    public async Task Campaign_Json_ReportsTransactionsFaultsAndNoViolations()
    {
        var (code, output, _) = await RunAsync("simulate", "--seed", "10", "--seeds", "5", "--transactions", "100", "--json");

        Assert.Equal(XshardApp.Ok, code);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(5, report.GetProperty("seeds").GetInt32());
        Assert.Equal(500, report.GetProperty("transactionsSimulated").GetInt64());
        Assert.Equal(0, report.GetProperty("violations").GetInt32());
        Assert.True(report.GetProperty("faultsInjected").GetProperty("message-lost").GetInt64() > 0);
        Assert.True(report.GetProperty("simulatedSeconds").GetDouble() > report.GetProperty("wallSeconds").GetDouble());
    }

    [Fact]
    public async Task Trace_WritesOneJsonObjectPerEvent_WithTheDocumentedFields()
    {
        var (code, _, _) = await RunAsync("simulate", "--seed", "3", "--transactions", "50", "--trace", _trace);

        Assert.Equal(XshardApp.Ok, code);
        var lines = await File.ReadAllLinesAsync(_trace);
        Assert.NotEmpty(lines);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e =>
        {
            Assert.True(e.TryGetProperty("timeMs", out _));
            Assert.True(e.TryGetProperty("shard", out _));
            Assert.True(e.TryGetProperty("event", out _));
        });
        var names = events.Select(e => e.GetProperty("event").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "prepared-logged", "vote-received", "commit-logged", "commit-applied" }, names);
        Assert.All(events.Where(e => e.GetProperty("event").GetString() == "commit-applied"), e => Assert.Equal(64, e.GetProperty("tx").GetString()!.Length));
    }

    [Fact]
    public async Task SameSeed_SameTrace()
    {
        await RunAsync("simulate", "--seed", "8", "--transactions", "40", "--trace", _trace);
        var first = await File.ReadAllTextAsync(_trace);
        await RunAsync("simulate", "--seed", "8", "--transactions", "40", "--trace", _trace);

        Assert.Equal(first, await File.ReadAllTextAsync(_trace));
    }

    [Fact]
    public async Task LockPolicy_ReachesTheParticipants()
    {
        var (code, _, _) = await RunAsync("simulate", "--seed", "5", "--accounts", "4", "--lock-policy", "wait-for-older", "--trace", _trace);

        Assert.Equal(XshardApp.Ok, code);
        var events = (await File.ReadAllLinesAsync(_trace)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString());
        Assert.Contains("lock-waiting", events);
    }

    [Theory]
    [InlineData("simulate --lock-policy wound-wait", "--lock-policy must be no-wait or wait-die or wait-for-older or ordered, got 'wound-wait'")]
    [InlineData("simulate --seeds 0", "--seeds must be between 1 and 1000000")]
    [InlineData("simulate --transactions x", "'x'")]
    [InlineData("simulate --accounts 2", "--accounts must be between 3")]
    [InlineData("simulate --bogus", "--bogus")]
    public async Task BadInput_IsOneLineAndUsageError(string commandLine, string expected)
    {
        Xshard.AssertUsageError(await RunAsync(commandLine.Split(' ')), expected);
    }

    [Fact]
    public async Task TraceWithManySeeds_IsAUsageError()
    {
        var (code, _, error) = await RunAsync("simulate", "--seeds", "2", "--trace", _trace);

        Assert.Equal(XshardApp.UsageError, code);
        Assert.Contains("--trace records one seed", error, StringComparison.Ordinal);
    }
}
