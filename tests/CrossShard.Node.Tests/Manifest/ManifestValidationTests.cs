using System.Text.Json.Nodes;
using CrossShard.Node.Manifest;
using static CrossShard.Node.Tests.Manifest.ManifestTestData;

namespace CrossShard.Node.Tests.Manifest;

public sealed class ManifestValidationTests
{
    private static readonly Dictionary<string, (Action<JsonObject> Break, ManifestError Error, string Says)> Cases = new()
    {
        ["format missing"] = (m => m.Remove("format"), ManifestError.MissingField, "format is missing"),
        ["format 2"] = (m => m["format"] = 2, ManifestError.UnsupportedFormat, "format 2 is not supported"),
        ["format 0"] = (m => m["format"] = 0, ManifestError.UnsupportedFormat, "format 0"),
        ["cluster id missing"] = (m => m.Remove("clusterId"), ManifestError.MissingField, "clusterId is missing"),
        ["cluster id empty"] = (m => m["clusterId"] = "", ManifestError.EmptyClusterId, "clusterId is empty"),
        ["cluster id blank"] = (m => m["clusterId"] = "   ", ManifestError.EmptyClusterId, "clusterId is empty"),
        ["cluster id with space"] = (m => m["clusterId"] = "my cluster", ManifestError.InvalidClusterId, "'my cluster'"),
        ["cluster id non-ascii"] = (m => m["clusterId"] = "clüster", ManifestError.InvalidClusterId, "A-Z a-z 0-9"),
        ["cluster id too long"] = (m => m["clusterId"] = new string('a', 65), ManifestError.InvalidClusterId, "at most 64"),
        ["versions missing"] = (m => m.Remove("protocolVersions"), ManifestError.MissingField, "protocolVersions is missing"),
        ["versions empty"] = (m => m["protocolVersions"] = new JsonArray(), ManifestError.InvalidProtocolVersions, "protocolVersions is empty"),
        ["version blank"] = (m => m["protocolVersions"] = new JsonArray("crossshard/1", ""), ManifestError.InvalidProtocolVersions, "protocolVersions[1] is empty"),
        ["version repeated"] = (m => m["protocolVersions"] = new JsonArray("crossshard/1", "crossshard/1"), ManifestError.InvalidProtocolVersions, "protocolVersions[1] repeats"),
        ["shards missing"] = (m => m.Remove("shards"), ManifestError.MissingField, "shards is missing"),
        ["no shards"] = (m => m["shards"] = new JsonArray(), ManifestError.NoShards, "shards is empty"),
        ["shard null"] = (m => Shards(m)[1] = null, ManifestError.MissingField, "shards[1] is missing"),
        ["shard id missing"] = (m => Shards(m)[1]!.AsObject().Remove("id"), ManifestError.MissingField, "shards[1].id is missing"),
        ["endpoint missing"] = (m => Shards(m)[2]!.AsObject().Remove("endpoint"), ManifestError.MissingField, "shards[2] (id 2).endpoint is missing"),
        ["key missing"] = (m => Shards(m)[0]!.AsObject().Remove("publicKey"), ManifestError.MissingField, "shards[0] (id 0).publicKey is missing"),
        ["ids skip one"] = (m => Shards(m)[2]!["id"] = 3, ManifestError.ShardIdsNotContiguous, "shards[2] (id 3): shard ids must be exactly 0..2 for 3 shards; id 2 is missing"),
        ["ids start at one"] = (m => { Shards(m)[0]!["id"] = 3; }, ManifestError.ShardIdsNotContiguous, "id 0 is missing"),
        ["negative id"] = (m => Shards(m)[0]!["id"] = -1, ManifestError.ShardIdsNotContiguous, "shards[0] (id -1)"),
        ["duplicate id"] = (m => Shards(m)[2]!["id"] = 0, ManifestError.DuplicateShardId, "shards[2] (id 0): shard id 0 is already used by shards[0]"),
        ["duplicate key"] = (m => Shards(m)[2]!["publicKey"] = Identity(0).PublicKey.ToText(), ManifestError.DuplicatePublicKey, "shards[2] (id 2): publicKey is the same as shards[0] (id 0)'s"),
        ["duplicate endpoint"] = (m => Shards(m)[1]!["endpoint"] = "127.0.0.1:7400", ManifestError.DuplicateEndpoint, "shards[1] (id 1): endpoint is the same as shards[0] (id 0)'s"),
        ["key not base64"] = (m => Shards(m)[1]!["publicKey"] = "ML-DSA-65:!!!", ManifestError.InvalidPublicKey, "shards[1] (id 1): publicKey is not usable: Public key text is not valid base64"),
        ["key unknown algorithm"] = (m => Shards(m)[1]!["publicKey"] = "RSA-2048:AAAA", ManifestError.InvalidPublicKey, "Unknown signature algorithm 'RSA-2048'"),
        ["key wrong length"] = (m => Shards(m)[1]!["publicKey"] = "ML-DSA-65:AAAA", ManifestError.InvalidPublicKey, "ML-DSA-65 public key is 1952 bytes; got 3"),
        ["key without algorithm"] = (m => Shards(m)[1]!["publicKey"] = Convert.ToBase64String(Identity(1).PublicKey.KeyBytes), ManifestError.InvalidPublicKey, "shards[1] (id 1): publicKey"),
        ["key of another algorithm's length"] = (m => Shards(m)[1]!["publicKey"] = "ML-DSA-44:" + Convert.ToBase64String(Identity(1).PublicKey.KeyBytes), ManifestError.InvalidPublicKey, "ML-DSA-44 public key is 1312 bytes"),
        ["endpoint without port"] = (m => Shards(m)[1]!["endpoint"] = "10.0.0.1", ManifestError.InvalidEndpoint, "shards[1] (id 1): endpoint '10.0.0.1' must be host:port"),
        ["endpoint port zero"] = (m => Shards(m)[1]!["endpoint"] = "10.0.0.1:0", ManifestError.InvalidEndpoint, "port '0' must be a number in 1..65535"),
        ["endpoint port too big"] = (m => Shards(m)[1]!["endpoint"] = "10.0.0.1:65536", ManifestError.InvalidEndpoint, "port '65536'"),
        ["endpoint port signed"] = (m => Shards(m)[1]!["endpoint"] = "10.0.0.1:+80", ManifestError.InvalidEndpoint, "port '+80'"),
        ["endpoint port text"] = (m => Shards(m)[1]!["endpoint"] = "10.0.0.1:http", ManifestError.InvalidEndpoint, "port 'http'"),
        ["endpoint empty host"] = (m => Shards(m)[1]!["endpoint"] = ":7400", ManifestError.InvalidEndpoint, "must be host:port"),
        ["endpoint bad host"] = (m => Shards(m)[1]!["endpoint"] = "no spaces allowed:7400", ManifestError.InvalidEndpoint, "host 'no spaces allowed'"),
        ["endpoint bare ipv6"] = (m => Shards(m)[1]!["endpoint"] = "::1:7400", ManifestError.InvalidEndpoint, "IPv6 goes in brackets"),
        ["endpoint bracketed ipv4"] = (m => Shards(m)[1]!["endpoint"] = "[10.0.0.1]:7400", ManifestError.InvalidEndpoint, "host '[10.0.0.1]'"),
        ["endpoint empty"] = (m => Shards(m)[1]!["endpoint"] = "", ManifestError.InvalidEndpoint, "must be host:port"),
        ["unknown property"] = (m => m["allowLegacey"] = true, ManifestError.InvalidJson, "allowLegacey"),
        ["unknown shard property"] = (m => Shards(m)[0]!["weight"] = 3, ManifestError.InvalidJson, "weight"),
        ["id is text"] = (m => Shards(m)[0]!["id"] = "zero", ManifestError.InvalidJson, "$.shards[0].id"),
        ["allowLegacy is text"] = (m => m["allowLegacy"] = "yes", ManifestError.InvalidJson, "$.allowLegacy"),
        ["shards is object"] = (m => m["shards"] = new JsonObject(), ManifestError.InvalidJson, "$.shards"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Parse_BrokenManifest_IsRejectedWithTypedErrorNamingTheField(string name)
    {
        var (breakIt, expectedError, says) = Cases[name];
        var json = ValidJson();
        breakIt(json);

        var error = Assert.Throws<ManifestException>(() => ClusterManifest.Parse(json.ToJsonString()));

        Assert.Equal(expectedError, error.Error);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidBaseline_IsAccepted()
    {
        // Guards the theory above: every case must fail because of its own change, not a broken baseline.
        Assert.Equal(3, ClusterManifest.Parse(ValidJson().ToJsonString()).ShardCount);
    }

    [Theory]
    [InlineData("", "invalid JSON")]
    [InlineData("null", "JSON null")]
    [InlineData("[]", "invalid JSON")]
    [InlineData("{\"format\": 1,}", "invalid JSON")]
    [InlineData("{\"format\": 1, \"format\": 1}", "invalid JSON")]
    public void Parse_NotAManifestObject_IsInvalidJson(string json, string says)
    {
        var error = Assert.Throws<ManifestException>(() => ClusterManifest.Parse(json));

        Assert.Equal(ManifestError.InvalidJson, error.Error);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    private static JsonArray Shards(JsonObject manifest) => manifest["shards"]!.AsArray();

    private static JsonObject ValidJson() => JsonNode.Parse(TestManifest(3).ToJson())!.AsObject();
}
