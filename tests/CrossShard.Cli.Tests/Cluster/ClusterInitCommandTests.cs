using CrossShard.Crypto.KeyFiles;
using CrossShard.Network.Hosting;
using CrossShard.Node.Manifest;

namespace CrossShard.Cli.Tests.Cluster;

public sealed class ClusterInitCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("crossshard-cluster-init-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dir => Path.Combine(_root, "cluster");

    [Fact]
    public async Task Init_WritesManifestKeysConfigsAndGenesis_ThatAgree()
    {
        var (code, output, error) = await Xshard.RunAsync("cluster", "init", "--shards", "3", "--dir", Dir, "--base-port", "9100", "--accounts", "12", "--initial-balance", "250", "--cluster-id", "unit-test");

        Assert.Equal(XshardApp.Ok, code);
        Assert.Empty(error);
        Assert.Contains("cluster 'unit-test': 3 shards", output, StringComparison.Ordinal);
        var manifest = ClusterManifest.Load(Path.Combine(Dir, "manifest.json"));
        Assert.Equal("unit-test", manifest.ClusterId);
        Assert.Equal(["127.0.0.1:9100", "127.0.0.1:9101", "127.0.0.1:9102"], manifest.Shards.Select(static s => s.Endpoint));
        for (var i = 0; i < 3; i++)
        {
            var config = NodeConfig.Load(Path.Combine(Dir, $"node-{i}.json"));
            Assert.Equal(i, config.Shard);
            Assert.Equal("unit-test", config.ClusterId);
            Assert.Equal($"127.0.0.1:{9100 + i}", config.Listen.ToString());
            Assert.Equal($"127.0.0.1:{9103 + i}", config.Health.ToString());
            Assert.Equal(Path.Combine(Dir, "data", $"shard-{i}"), config.Resolve(config.DataDir));
            Assert.Null(config.Tuning.LockPolicy);
            var keyPath = config.Resolve(config.KeyFile);
            using var identity = NodeKeyFile.Read(keyPath);
            Assert.Equal(manifest.PublicKeyOf(new Core.Ids.ShardId(i)), identity.PublicKey);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            }
        }

        var genesis = GenesisFile.Load(Path.Combine(Dir, "genesis.json"));
        Assert.Equal(Enumerable.Range(0, 12).Select(static i => $"acct-{i:D4}"), genesis.Accounts.Keys);
        Assert.All(genesis.Accounts.Values, static b => Assert.Equal(250, b));
        Assert.Equal(3000, genesis.Total);
    }

    [Fact]
    public async Task Init_LockPolicy_IsWrittenIntoEveryNodeConfig()
    {
        var (code, _, error) = await Xshard.RunAsync("cluster", "init", "--shards", "2", "--dir", Dir, "--base-port", "9200", "--lock-policy", "wait-for-older");

        Assert.Equal(XshardApp.Ok, code);
        Assert.Empty(error);
        for (var i = 0; i < 2; i++)
        {
            var config = NodeConfig.Load(Path.Combine(Dir, $"node-{i}.json"));
            Assert.Equal(Core.Locks.LockPolicy.WaitForOlder, config.ToCrossShardConfig(2).LockPolicy);
        }
    }

    [Fact]
    public async Task Init_NonEmptyDirectory_IsRefusedWithoutForce_AndLeftUntouched()
    {
        Directory.CreateDirectory(Dir);
        var keep = Path.Combine(Dir, "notes.txt");
        File.WriteAllText(keep, "mine");

        var (code, output, error) = await Xshard.RunAsync("cluster", "init", "--shards", "1", "--dir", Dir);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"xshard: {Dir} is not empty; refusing to write a cluster there (use --force to replace its cluster files and delete its data/)", line);
        Assert.Equal([keep], Directory.GetFileSystemEntries(Dir));
    }

    [Fact]
    public async Task Init_Force_ReplacesTheClusterAndDeletesItsData()
    {
        await Xshard.RunAsync("cluster", "init", "--shards", "1", "--dir", Dir, "--cluster-id", "first");
        var stale = Path.Combine(Dir, "data", "shard-0", "CURRENT");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "old store");

        var (code, _, error) = await Xshard.RunAsync("cluster", "init", "--shards", "2", "--dir", Dir, "--cluster-id", "second", "--force");

        Assert.Equal(XshardApp.Ok, code);
        Assert.Empty(error);
        Assert.Equal("second", ClusterManifest.Load(Path.Combine(Dir, "manifest.json")).ClusterId);
        Assert.Equal("second", NodeConfig.Load(Path.Combine(Dir, "node-1.json")).ClusterId);
        Assert.False(File.Exists(stale));
    }

    [Theory]
    [InlineData("cluster init --shards 2", "--dir")]
    [InlineData("cluster init --dir D --shards 0", "--shards must be between 1 and 64, got 0")]
    [InlineData("cluster init --dir D --shards 65", "--shards must be between 1 and 64, got 65")]
    [InlineData("cluster init --dir D --shards 2 --base-port 65535", "ports 65535..65536 and health ports 65537..65538 must lie in 1..65535")]
    [InlineData("cluster init --dir D --shards 3 --base-port 9000 --health-base-port 9002", "health ports 9002..9004 overlap the gRPC ports 9000..9002")]
    [InlineData("cluster init --dir D --initial-balance -5", "--initial-balance must not be negative, got -5")]
    [InlineData("cluster init --dir D --accounts 1000000 --initial-balance 9223372036854775807", "--accounts times --initial-balance exceeds a 64-bit balance")]
    [InlineData("cluster init --dir D --cluster-id bad/id", "--cluster-id: clusterId 'bad/id' may only contain A-Z a-z 0-9 . _ -")]
    [InlineData("cluster up", "--dir")]
    [InlineData("node", "--config")]
    public async Task BadUsage_IsExit2WithOneLine(string commandLine, string expected)
    {
        Xshard.AssertUsageError(await Xshard.RunAsync(commandLine.Split(' ')), expected);
        Assert.False(Directory.Exists("D"));
    }

    [Fact]
    public async Task Up_WithoutNodeConfigs_FailsWithOneLine()
    {
        Directory.CreateDirectory(Dir);

        var (code, output, error) = await Xshard.RunAsync("cluster", "up", "--dir", Dir);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        Assert.Equal($"xshard: no node-*.json in {Dir}; create a cluster with 'xshard cluster init --dir {Dir}'", error.TrimEnd('\n'));
    }
}
