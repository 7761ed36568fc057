using System.Text.Json;
using CrossShard.Cli;

namespace CrossShard.Cli.Tests;

public sealed class DemoReceiptsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xshard-receipts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => Xshard.RunAsync(args);

    [Fact]
    public async Task Demo_WithReceipts_WritesReceiptsThatVerifyOffline_AndATamperedOneFails()
    {
        var (code, output, _) = await RunAsync("demo", "--shards", "3", "--accounts", "300", "--transfers", "150", "--concurrency", "8", "--receipts", _dir, "--json");

        Assert.Equal(XshardApp.Ok, code);
        Assert.Equal(100, JsonDocument.Parse(output).RootElement.GetProperty("receiptsWritten").GetInt32());
        var manifest = Path.Combine(_dir, "manifest.json");
        var receipts = Directory.GetFiles(_dir, "*.json").Where(f => f != manifest).ToList();
        Assert.Equal(100, receipts.Count);
        foreach (var receipt in receipts.Take(10))
        {
            var verified = await RunAsync("receipt", "verify", receipt, "--manifest", manifest);
            Assert.True(verified.Code == XshardApp.Ok, verified.Err);
            Assert.StartsWith("valid: ", verified.Out, StringComparison.Ordinal);
        }

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(receipts[0])).RootElement;
        var flipped = json.GetProperty("decision").GetString() == "commit" ? "abort" : "commit";
        var reason = flipped == "abort" ? "\"abortReason\": \"lockConflict\"" : "\"abortReason\": \"none\"";
        var tampered = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(receipts[0]), "\"decision\": \"[a-z]+\"", $"\"decision\": \"{flipped}\"");
        tampered = System.Text.RegularExpressions.Regex.Replace(tampered, "\"abortReason\": \"[A-Za-z]+\"", reason);
        await File.WriteAllTextAsync(receipts[0], tampered);

        var refused = await RunAsync("receipt", "verify", receipts[0], "--manifest", manifest);
        Assert.Equal(1, refused.Code);
        Assert.Contains("bad signature", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ReceiptsWithoutSignatures_IsAUsageError()
    {
        var (code, _, error) = await RunAsync("demo", "--transfers", "10", "--receipts", _dir, "--insecure-no-signatures");

        Assert.Equal(XshardApp.UsageError, code);
        Assert.Contains("--receipts needs signatures", error, StringComparison.Ordinal);
    }
}

public sealed class DemoDataDirectoryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xshard-data-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task<(int Code, JsonElement Report, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await XshardApp.RunAsync(args, output, error);
        return (code, code == XshardApp.Ok ? JsonDocument.Parse(output.ToString()).RootElement.Clone() : default, error.ToString());
    }

    [Fact]
    public async Task ASecondRun_ContinuesFromTheFirstRunsBalances()
    {
        var first = await RunAsync("demo", "--shards", "2", "--accounts", "100", "--transfers", "300", "--concurrency", "8", "--data", _dir, "--json");
        var second = await RunAsync("demo", "--shards", "2", "--accounts", "100", "--transfers", "300", "--concurrency", "8", "--data", _dir, "--json");

        Assert.True(first.Code == XshardApp.Ok, first.Err);
        Assert.True(second.Code == XshardApp.Ok, second.Err);
        Assert.False(first.Report.GetProperty("resumed").GetBoolean());
        Assert.True(second.Report.GetProperty("resumed").GetBoolean());
        Assert.True(second.Report.GetProperty("committed").GetInt32() > 0);
        // The second run starts from exactly the per-shard balances the first one ended with.
        Assert.Equal(
            first.Report.GetProperty("totalAfter").GetInt64(),
            second.Report.GetProperty("totalBefore").GetInt64());
        Assert.NotEqual(100 * 1000 / 2, first.Report.GetProperty("shardTotals")[0].GetInt64());
    }

    [Fact]
    public async Task ADataDirectoryOfAnotherShape_IsRefusedWithOneLine()
    {
        await RunAsync("demo", "--shards", "2", "--accounts", "50", "--transfers", "10", "--data", _dir, "--json");

        var (code, _, error) = await RunAsync("demo", "--shards", "3", "--accounts", "50", "--transfers", "10", "--data", _dir, "--json");

        Assert.Equal(XshardApp.Failed, code);
        Assert.Contains("of 2, not shard-0 of 3", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
