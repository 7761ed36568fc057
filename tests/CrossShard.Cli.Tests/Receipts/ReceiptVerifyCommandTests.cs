using System.Text.Json;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using CrossShard.Node.Receipts;

namespace CrossShard.Cli.Tests.Receipts;

public sealed class ReceiptVerifyCommandTests : IDisposable
{
    private static readonly TxId Tx = TxId.Parse("8f2a9c41d7e6b5a30f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778");
    private static readonly NodeIdentity[] Nodes = [.. Enumerable.Range(0, 3).Select(i => NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, Enumerable.Repeat((byte)(i + 40), 32).ToArray()))];

    private readonly string _dir = Directory.CreateTempSubdirectory("crossshard-cli-receipt-").FullName;
    private readonly string _manifestPath;

    public ReceiptVerifyCommandTests()
    {
        _manifestPath = Path.Combine(_dir, "cluster.json");
        Manifest("local-7f3a", shards: 2).Save(_manifestPath);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Verify_ValidReceipt_Exit0_AndOneLine()
    {
        var path = Save(Receipt(coordinator: 1));

        var (code, output, error) = await RunAsync("receipt", "verify", path, "--manifest", _manifestPath);

        Assert.Equal(XshardApp.Ok, code);
        Assert.Empty(error);
        Assert.Equal($"valid: commit {Tx} signed by shard-1\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Verify_Json_ReportsValidAndInvalid()
    {
        var valid = Save(Receipt(coordinator: 0), "valid.json");
        var invalid = Save(Receipt(coordinator: 0, signer: 1), "invalid.json");

        var (code, output, _) = await RunAsync("receipt", "verify", valid, "--manifest", _manifestPath, "--json");
        var (badCode, badOutput, badError) = await RunAsync("receipt", "verify", invalid, "--manifest", _manifestPath, "--json");

        Assert.Equal(XshardApp.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("valid", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(Tx.ToString(), json.RootElement.GetProperty("txId").GetString());
        Assert.Equal(XshardApp.InvariantFailed, badCode);
        Assert.Empty(badError);
        using var badJson = JsonDocument.Parse(badOutput);
        Assert.False(badJson.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("badSignature", badJson.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Verify_SignedByAnotherKey_Exit1_NamingBadSignature()
    {
        var path = Save(Receipt(coordinator: 0, signer: 1));

        var (code, output, error) = await RunAsync("receipt", "verify", path, "--manifest", _manifestPath);

        Assert.Equal(XshardApp.InvariantFailed, code);
        Assert.Empty(output);
        var line = OneLine(error);
        Assert.StartsWith("xshard: receipt is invalid: bad signature: does not verify under shard-0's key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TamperedJson_Exit1()
    {
        var path = Save(Receipt(coordinator: 0));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"commit\"", "\"abort\"", StringComparison.Ordinal).Replace("\"none\"", "\"lockConflict\"", StringComparison.Ordinal));

        var (code, _, error) = await RunAsync("receipt", "verify", path, "--manifest", _manifestPath);

        Assert.Equal(XshardApp.InvariantFailed, code);
        Assert.Contains("bad signature", OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OtherCluster_Exit1_NamingWrongCluster()
    {
        var path = Save(Receipt(coordinator: 0, clusterId: "staging-2"));

        var (code, _, error) = await RunAsync("receipt", "verify", path, "--manifest", _manifestPath);

        Assert.Equal(XshardApp.InvariantFailed, code);
        Assert.Equal("xshard: receipt is invalid: wrong cluster: receipt is for cluster 'staging-2', manifest is for 'local-7f3a'", OneLine(error));
    }

    [Fact]
    public async Task Verify_CoordinatorNotInManifest_Exit1_NamingUnknownCoordinator()
    {
        var path = Save(Receipt(coordinator: 2));

        var (code, _, error) = await RunAsync("receipt", "verify", path, "--manifest", _manifestPath);

        Assert.Equal(XshardApp.InvariantFailed, code);
        Assert.Equal("xshard: receipt is invalid: unknown coordinator: shard-2 is not in the manifest (2 shards)", OneLine(error));
    }

    [Theory]
    [InlineData("{ not json", "invalid JSON")]
    [InlineData("{}", "format is missing")]
    [InlineData("{\"format\": 9}", "receipt format 9 is not supported")]
    public async Task Verify_MalformedReceipt_Exit3_WithOneLineNamingTheFile(string content, string expected)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, content);

        var (code, output, error) = await RunAsync("receipt", "verify", path, "--manifest", _manifestPath);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        var line = OneLine(error);
        Assert.StartsWith($"xshard: {path}: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingReceipt_Exit3()
    {
        var (code, _, error) = await RunAsync("receipt", "verify", Path.Combine(_dir, "absent.json"), "--manifest", _manifestPath);

        Assert.Equal(XshardApp.Failed, code);
        Assert.EndsWith("absent.json: receipt file not found", OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BrokenManifest_Exit3_NamingTheManifestProblem()
    {
        var path = Save(Receipt(coordinator: 0));
        var manifestPath = Path.Combine(_dir, "broken-manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(_manifestPath).Replace("127.0.0.1:7401", "127.0.0.1:99999", StringComparison.Ordinal));

        var (code, _, error) = await RunAsync("receipt", "verify", path, "--manifest", manifestPath);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Equal($"xshard: {manifestPath}: shards[1] (id 1): endpoint '127.0.0.1:99999' port '99999' must be a number in 1..65535", OneLine(error));
    }

    [Theory]
    [InlineData("receipt verify r.json", "--manifest")]
    [InlineData("receipt verify --manifest m.json", "file")]
    [InlineData("receipt check r.json", "check")]
    public async Task Verify_BadUsage_Exit2(string commandLine, string expected)
    {
        Xshard.AssertUsageError(await RunAsync(commandLine.Split(' ')), expected);
    }

    private static ClusterManifest Manifest(string clusterId, int shards) =>
        new(clusterId, ["crossshard/1"], false, Enumerable.Range(0, shards).Select(i => new ManifestShard(i, $"127.0.0.1:{7400 + i}", Nodes[i].PublicKey)));

    private static TransactionReceipt Receipt(int coordinator, int? signer = null, string clusterId = "local-7f3a") =>
        new ReceiptSigner(Nodes[signer ?? coordinator], clusterId)
            .Sign(Tx, DecisionKind.Commit, AbortReason.None, [new ShardId(0), new ShardId(1)], new ShardId(coordinator), DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));

    private string Save(TransactionReceipt receipt, string name = "receipt.json")
    {
        var path = Path.Combine(_dir, name);
        ReceiptJson.WriteFile(path, receipt);
        return path;
    }

    private static string OneLine(string error)
    {
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("xshard: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return line.TrimEnd('\r');
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => Xshard.RunAsync(args);
}
