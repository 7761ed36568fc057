using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using static CrossShard.Node.Tests.Manifest.ManifestTestData;

namespace CrossShard.Node.Tests.Manifest;

public sealed class ClusterManifestTests
{
    [Fact]
    public void ToJson_Parse_RoundTripsEveryField()
    {
        var manifest = new ClusterManifest("prod-eu.1", ["crossshard/2", "crossshard/1"], allowLegacy: true, [Shard(0), Shard(1), Shard(2)]);

        var parsed = ClusterManifest.Parse(manifest.ToJson());

        Assert.Equal(manifest, parsed);
        Assert.Equal("prod-eu.1", parsed.ClusterId);
        Assert.Equal(["crossshard/2", "crossshard/1"], parsed.ProtocolVersions);
        Assert.True(parsed.AllowLegacy);
        Assert.Equal(Identity(2).PublicKey, parsed.Shards[2].PublicKey);
        Assert.Equal("127.0.0.1:7401", parsed.Shards[1].Endpoint);
    }

    [Fact]
    public void Save_Load_RoundTrips()
    {
        using var dir = new TempDirectory();
        var manifest = TestManifest(4);

        manifest.Save(dir.File("cluster.json"));
        manifest.Save(dir.File("cluster.json"));

        Assert.Equal(manifest, ClusterManifest.Load(dir.File("cluster.json")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Equals_DiffersWhenAnyFieldDiffers()
    {
        var manifest = TestManifest(3);

        Assert.NotEqual(manifest, TestManifest(3, "other"));
        Assert.NotEqual(manifest, TestManifest(2));
        Assert.NotEqual(manifest, new ClusterManifest(manifest.ClusterId, ["crossshard/1"], allowLegacy: true, manifest.Shards));
        Assert.NotEqual(manifest, new ClusterManifest(manifest.ClusterId, ["crossshard/1"], false, [Shard(0), Shard(1), Shard(2, keyIndex: 7)]));
    }

    [Fact]
    public void Parse_ShardsInAnyOrder_AreOrderedById()
    {
        var manifest = new ClusterManifest("c", ["crossshard/1"], false, [Shard(2), Shard(0), Shard(1)]);

        Assert.Equal([0, 1, 2], manifest.Shards.Select(s => s.Id));
    }

    [Fact]
    public void Parse_AllowLegacyAbsent_DefaultsToFalse_AndCommentsAreAllowed()
    {
        var json = """
            {
              // genesis of the test cluster
              "format": 1, "clusterId": "c", "protocolVersions": ["crossshard/1"],
              "shards": [ { "id": 0, "endpoint": "node0.example:7400", "publicKey": "KEY0" } ]
            }
            """.Replace("KEY0", Identity(0).PublicKey.ToText(), StringComparison.Ordinal);

        var manifest = ClusterManifest.Parse(json);

        Assert.False(manifest.AllowLegacy);
        Assert.Equal("node0.example:7400", manifest.Shards[0].Endpoint);
    }

    [Fact]
    public void Lookups_FindShardsByIdAndByKey()
    {
        var manifest = TestManifest(3);

        Assert.Equal(Identity(1).PublicKey, manifest.PublicKeyOf(new ShardId(1)));
        Assert.True(manifest.TryGetShard(new ShardId(2), out var shard));
        Assert.Equal(2, shard.Id);
        Assert.False(manifest.TryGetShard(new ShardId(3), out _));
        Assert.False(manifest.TryGetShard(new ShardId(-1), out _));
        Assert.True(manifest.TryGetShardByKey(Identity(2).PublicKey, out var byKey));
        Assert.Equal(2, byKey.Id);
        Assert.False(manifest.TryGetShardByKey(Identity(9).PublicKey, out _));
        var missing = Assert.Throws<KeyNotFoundException>(() => manifest.PublicKeyOf(new ShardId(5)));
        Assert.Contains("shard-5", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:1")]
    [InlineData("127.0.0.1:65535")]
    [InlineData("node-3.internal.example:7400")]
    [InlineData("localhost:7400")]
    [InlineData("[::1]:7400")]
    [InlineData("[2001:db8::7]:443")]
    public void Parse_AcceptsWellFormedEndpoints(string endpoint)
    {
        var manifest = new ClusterManifest("c", ["crossshard/1"], false, [new ManifestShard(0, endpoint, Identity(0).PublicKey)]);

        Assert.Equal(endpoint, manifest.Shards[0].Endpoint);
    }

    [Fact]
    public void Load_MissingFile_IsNotFound_NamingThePath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("absent.json");

        var error = Assert.Throws<ManifestException>(() => ClusterManifest.Load(path));

        Assert.Equal(ManifestError.NotFound, error.Error);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidJson_NamesThePathAndLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.json");
        File.WriteAllText(path, "{\n  \"format\": 1,\n  \"clusterId\": \n}");

        var error = Assert.Throws<ManifestException>(() => ClusterManifest.Load(path));

        Assert.Equal(ManifestError.InvalidJson, error.Error);
        Assert.StartsWith(path + ": invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotUtf8_IsInvalidJson()
    {
        using var dir = new TempDirectory();
        var path = dir.File("binary.json");
        File.WriteAllBytes(path, [0x7B, 0xFF, 0xFE, 0x7D]);

        Assert.Equal(ManifestError.InvalidJson, Assert.Throws<ManifestException>(() => ClusterManifest.Load(path)).Error);
    }

    [Fact]
    public void Load_FileOverTheLimit_IsTooLarge()
    {
        using var dir = new TempDirectory();
        var path = dir.File("huge.json");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ClusterManifest.MaxFileSize + 1L);
        }

        Assert.Equal(ManifestError.TooLarge, Assert.Throws<ManifestException>(() => ClusterManifest.Load(path)).Error);
    }

    [Fact]
    public void Save_IntoMissingDirectory_IsTyped()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ManifestException>(() => TestManifest(1).Save(dir.File("no/such/dir/cluster.json")));

        Assert.Equal(ManifestError.NotFound, error.Error);
    }

    [Fact]
    public void Constructor_EnforcesTheSameRulesAsParse()
    {
        var error = Assert.Throws<ManifestException>(() => new ClusterManifest("c", ["crossshard/1"], false, [Shard(0), Shard(2)]));

        Assert.Equal(ManifestError.ShardIdsNotContiguous, error.Error);
    }

    [Fact]
    public void Manifest_AcceptsMixedAlgorithms()
    {
        var manifest = new ClusterManifest("c", ["crossshard/1"], false, [Shard(0), new ManifestShard(1, "h:1", Identity(1, SignatureAlgorithm.MlDsa87).PublicKey)]);

        Assert.Equal(SignatureAlgorithm.MlDsa87, ClusterManifest.Parse(manifest.ToJson()).PublicKeyOf(new ShardId(1)).Algorithm);
    }
}
