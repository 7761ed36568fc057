namespace CrossShard.Cli.Tests.Cluster;

/// <summary>The client commands' usage errors, and their one-line failure when no node answers.</summary>
public sealed class ClientCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Directory.CreateTempSubdirectory("crossshard-client-cmd-").FullName, "c");

    public async ValueTask InitializeAsync()
    {
        // Port 1 on loopback: nothing listens there, so every call is refused at once.
        var (code, _, error) = await Xshard.RunAsync("cluster", "init", "--shards", "1", "--dir", _dir, "--base-port", "1", "--accounts", "3");
        Assert.True(code == XshardApp.Ok, error);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("submit --cluster C --from a --to b --amount 0", "--amount must be positive, got 0")]
    [InlineData("submit --cluster C --from a --to b --amount -4", "--amount must be positive, got -4")]
    [InlineData("submit --cluster C --from a --to b", "--amount")]
    [InlineData("submit --from a --to b --amount 1", "--cluster")]
    [InlineData("submit --cluster C --from a --to b --amount ten", "ten")]
    [InlineData("status --cluster C 1234", "'1234' is not a transaction id (64 hex characters)")]
    [InlineData("status --cluster C", "TXID")]
    [InlineData("balances", "--cluster")]
    [InlineData("balances --cluster C --colour", "--colour")]
    public async Task BadUsage_IsExit2WithOneLine(string commandLine, string expected) =>
        Xshard.AssertUsageError(await Xshard.RunAsync(commandLine.Split(' ')), expected);

    [Fact]
    public async Task Submit_InvalidAccountId_IsAUsageError()
    {
        var result = await Xshard.RunAsync("submit", "--cluster", _dir, "--from", new string('x', 200), "--to", "b", "--amount", "1");

        Xshard.AssertUsageError(result, "is not a valid account id");
    }

    [Theory]
    [InlineData("submit", "--from", "acct-0000", "--to", "acct-0001", "--amount", "1")]
    [InlineData("balances")]
    [InlineData("status", "0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task NoNodeAnswering_IsExit3WithOneLine(params string[] args)
    {
        var (code, output, error) = await Xshard.RunAsync([.. args, "--cluster", _dir]);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("xshard: node shard-0 at 127.0.0.1:1 is unavailable: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingClusterDirectory_IsExit3WithOneLine()
    {
        var missing = Path.Combine(_dir, "nope");

        var (code, _, error) = await Xshard.RunAsync("balances", "--cluster", missing);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Equal($"xshard: {Path.Combine(missing, "manifest.json")}: manifest file not found", error.TrimEnd('\n'));
    }
}
