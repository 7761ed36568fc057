using System.Text.Json.Nodes;

namespace CrossShard.Cli.Tests.Cluster;

/// <summary><c>xshard node</c> refuses, in one line and with exit code 3, every config it must not run with; nothing is created.</summary>
public sealed class NodeCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Directory.CreateTempSubdirectory("crossshard-node-cmd-").FullName, "c");

    public async ValueTask InitializeAsync()
    {
        var (code, _, error) = await Xshard.RunAsync("cluster", "init", "--shards", "2", "--dir", _dir, "--cluster-id", "mine", "--base-port", "9300");
        Assert.True(code == XshardApp.Ok, error);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Node_KeyOfAnotherShard_IsRefused()
    {
        var config = Edit(0, json => json["keyFile"] = "node-1.key");

        var line = await AssertRefusedAsync(config);

        Assert.Contains("node-1.key holds the key of shard 1, not the key", line, StringComparison.Ordinal);
        Assert.Contains("lists for shard 0; refusing to start", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_ManifestOfAnotherCluster_IsRefused()
    {
        var config = Edit(0, json => json["clusterId"] = "theirs");

        var line = await AssertRefusedAsync(config);

        Assert.Contains("clusterId is 'theirs' but", line, StringComparison.Ordinal);
        Assert.Contains("is the manifest of cluster 'mine'; refusing to join another cluster", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_ShardNotInTheManifest_IsRefused()
    {
        var config = Edit(1, json => json["shard"] = 5);

        var line = await AssertRefusedAsync(config);

        Assert.Contains("shard 5 is not in", line, StringComparison.Ordinal);
        Assert.Contains("(shards 0..1)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_ListenPortOtherThanTheManifests_IsRefused()
    {
        var config = Edit(0, json => json["listen"] = "127.0.0.1:9399");

        var line = await AssertRefusedAsync(config);

        Assert.Contains("listen is 127.0.0.1:9399 but", line, StringComparison.Ordinal);
        Assert.Contains("lists shard 0 at 127.0.0.1:9300", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_MissingKeyFile_IsRefused()
    {
        var config = Edit(0, json => json["keyFile"] = "nowhere.key");

        var line = await AssertRefusedAsync(config);

        Assert.Contains("nowhere.key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_BrokenConfig_IsRefused()
    {
        var config = Edit(0, json => json["health"] = "127.0.0.1:9300");

        var line = await AssertRefusedAsync(config);

        Assert.Contains("health: 127.0.0.1:9300 is the gRPC listen address too", line, StringComparison.Ordinal);
    }

    private async Task<string> AssertRefusedAsync(string config)
    {
        var (code, output, error) = await Xshard.RunAsync("node", "--config", config);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("xshard: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data", "shard-0")));
        return line;
    }

    private string Edit(int shard, Action<JsonObject> change)
    {
        var path = Path.Combine(_dir, $"node-{shard}.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(json);
        var edited = Path.Combine(_dir, $"edited-{shard}.json");
        File.WriteAllText(edited, json.ToJsonString());
        return edited;
    }
}
