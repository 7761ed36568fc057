using CrossShard.Node.Api;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Tests.Cluster;

public sealed class NodeConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crossshard-nodeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Valid = """
        {
          "format": 1,
          "clusterId": "test-cluster",
          "shard": 2,
          "listen": "127.0.0.1:7402",
          "health": "127.0.0.1:7502",
          "keyFile": "node-2.key",
          "manifestFile": "manifest.json",
          "dataDir": "data/shard-2",
          "genesisFile": "genesis.json",
          "tuning": { "maxInFlight": 64, "drainTimeoutMs": 2500, "maxSigningIntervalMs": 20, "lockPolicy": "wait-for-older" }
        }
        """;

    [Fact]
    public void Load_ValidFile_ResolvesPathsAgainstItsDirectory()
    {
        var path = Write("node.json", Valid);

        var config = NodeConfig.Load(path);

        Assert.Equal("test-cluster", config.ClusterId);
        Assert.Equal(2, config.Shard);
        Assert.Equal("127.0.0.1:7402", config.Listen.ToString());
        Assert.Equal(7502, config.Health.Port);
        Assert.Equal(Path.Combine(_dir, "data", "shard-2"), config.Resolve(config.DataDir));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), config.DrainTimeout);
        var library = config.ToCrossShardConfig(shardCount: 4);
        Assert.Equal(64, library.MaxInFlight);
        Assert.Equal([0, 1, 3], library.ConnectedShards);
        Assert.Equal("test-cluster", library.ClusterId);
        Assert.Equal(TimeSpan.FromMilliseconds(20), library.SealPacing.MaxInterval);
        Assert.Equal(new CrossShardConfig().SealPacing.SigningShare, library.SealPacing.SigningShare);
        Assert.Equal(Core.Locks.LockPolicy.WaitForOlder, library.LockPolicy);
    }

    [Fact]
    public void SaveThenLoad_RoundTrips()
    {
        var original = NodeConfig.Load(Write("a.json", Valid));
        var copy = Path.Combine(_dir, "b.json");

        original.Save(copy);
        var loaded = NodeConfig.Load(copy);

        Assert.Equal(original with { SourceFile = copy }, loaded);
    }

    [Theory]
    [InlineData("\"shard\": 2,", "", "shard: is missing")]
    [InlineData("\"listen\": \"127.0.0.1:7402\"", "\"listen\": \"localhost:7402\"", "listen: 'localhost' of 'localhost:7402' is not an IP address")]
    [InlineData("\"listen\": \"127.0.0.1:7402\"", "\"listen\": \"127.0.0.1:99999\"", "listen: port '99999' of '127.0.0.1:99999' must be a number in 1..65535")]
    [InlineData("\"listen\": \"127.0.0.1:7402\"", "\"listen\": \"::1:7402\"", "listen: '::1' of '::1:7402' is not an IP address")]
    [InlineData("\"health\": \"127.0.0.1:7502\"", "\"health\": \"127.0.0.1:7402\"", "health: 127.0.0.1:7402 is the gRPC listen address too")]
    [InlineData("\"shard\": 2", "\"shard\": -1", "shard: must be between 0 and 1023, got -1")]
    [InlineData("\"clusterId\": \"test-cluster\"", "\"clusterId\": \"bad id!\"", "clusterId: clusterId 'bad id!' may only contain")]
    [InlineData("\"format\": 1", "\"format\": 7", "format: 7 is not supported")]
    [InlineData("\"maxInFlight\": 64", "\"maxInFlight\": 0", "tuning.maxInFlight: must be between 1 and 10000000, got 0")]
    [InlineData("\"maxSigningIntervalMs\": 20", "\"maxSigningIntervalMs\": 1001", "tuning.maxSigningIntervalMs: must be between 1 and 1000, got 1001")]
    [InlineData("\"lockPolicy\": \"wait-for-older\"", "\"lockPolicy\": \"wound-wait\"", "tuning.lockPolicy: must be no-wait or wait-die or wait-for-older or ordered, got 'wound-wait'")]
    [InlineData("\"keyFile\": \"node-2.key\"", "\"keyFile\": \"\"", "keyFile: is empty")]
    [InlineData("\"shard\": 2", "\"shard\": \"two\"", "shard: invalid JSON")]
    [InlineData("\"format\": 1,", "\"format\": 1, \"colour\": \"red\",", "invalid JSON")]
    public void Load_BrokenField_NamesTheFileAndField(string replace, string with, string expected)
    {
        var path = Write("node.json", Valid.Replace(replace, with, StringComparison.Ordinal));

        var error = Assert.Throws<NodeConfigException>(() => NodeConfig.Load(path));

        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var path = Path.Combine(_dir, "absent.json");

        var error = Assert.Throws<NodeConfigException>(() => NodeConfig.Load(path));

        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Theory]
    [InlineData("[::1]:7400", "[::1]:7400")]
    [InlineData("0.0.0.0:1", "0.0.0.0:1")]
    [InlineData("127.0.0.1:65535", "127.0.0.1:65535")]
    public void ListenAddress_Valid_RoundTrips(string text, string expected)
    {
        Assert.True(ListenAddress.TryParse(text, out var address, out _));
        Assert.Equal(expected, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.1:7400")]
    [InlineData("[127.0.0.1]:7400")]
    [InlineData("example.com:7400")]
    public void ListenAddress_Invalid_IsRefused(string text)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
