using System.Text.Json.Nodes;
using CrossShard.Core.Messages;
using CrossShard.Node.Receipts;
using CrossShard.Node.Tests.Manifest;
using static CrossShard.Node.Tests.Receipts.ReceiptTestData;

namespace CrossShard.Node.Tests.Receipts;

public sealed class ReceiptJsonTests
{
    private static readonly string[] Fields = ["format", "clusterId", "txId", "decision", "abortReason", "participants", "coordinator", "issuedAtUnixMs", "algorithm", "signature"];

    [Fact]
    public void Write_Read_RoundTripsAndStillVerifies()
    {
        var receipt = Commit(coordinator: 2);

        var read = ReceiptJson.Read(ReceiptJson.Write(receipt));

        Assert.Equal(receipt, read);
        Assert.True(new ReceiptVerifier(ManifestTestData.TestManifest(3, ClusterId)).Verify(read).IsValid);
    }

    [Fact]
    public void Write_UsesTheDocumentedShape()
    {
        var json = JsonNode.Parse(ReceiptJson.Write(Commit()))!.AsObject();

        Assert.Equal(Fields, json.Select(p => p.Key));
        Assert.Equal(1, (int)json["format"]!);
        Assert.Equal(Tx.ToString(), (string)json["txId"]!);
        Assert.Equal("commit", (string)json["decision"]!);
        Assert.Equal("none", (string)json["abortReason"]!);
        Assert.Equal("[0,2]", json["participants"]!.ToJsonString());
        Assert.Equal(1_767_225_600_123, (long)json["issuedAtUnixMs"]!);
        Assert.Equal("ML-DSA-65", (string)json["algorithm"]!);
        var signature = Convert.FromBase64String((string)json["signature"]!);
        Assert.Equal(2, signature[0]);
        Assert.Equal(1 + 3309, signature.Length);
    }

    [Fact]
    public void WriteFile_ReadFile_RoundTrips()
    {
        using var dir = new TempDirectory();
        var receipt = Commit();

        ReceiptJson.WriteFile(dir.File("r.json"), receipt);

        Assert.Equal(receipt, ReceiptJson.ReadFile(dir.File("r.json")));
    }

    [Fact]
    public void EveryAbortReason_HasAJsonName_ThatRoundTrips()
    {
        var signer = new ReceiptSigner(ManifestTestData.Identity(0), ClusterId);
        foreach (var reason in Enum.GetValues<AbortReason>().Where(r => r != AbortReason.None))
        {
            var receipt = signer.Sign(Tx, DecisionKind.Abort, reason, [new Core.Ids.ShardId(0)], new Core.Ids.ShardId(0), IssuedAt);
            var json = ReceiptJson.Write(receipt);

            Assert.DoesNotContain("reason-", json, StringComparison.Ordinal);
            Assert.Equal(reason, ReceiptJson.Read(json).AbortReason);
        }
    }

    public static TheoryData<string> FieldNames => [.. Fields];

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Read_MissingField_IsMissingField_NamingIt(string field)
    {
        var json = Valid();
        json.Remove(field);

        var error = Assert.Throws<ReceiptFormatException>(() => ReceiptJson.Read(json.ToJsonString()));

        Assert.Equal(ReceiptFormatError.MissingField, error.Error);
        Assert.Equal($"{field} is missing", error.Message);
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Read_NullField_IsMissingField(string field)
    {
        var json = Valid();
        json[field] = null;

        Assert.Equal(ReceiptFormatError.MissingField, Assert.Throws<ReceiptFormatException>(() => ReceiptJson.Read(json.ToJsonString())).Error);
    }

    private static readonly Dictionary<string, (Action<JsonObject> Break, ReceiptFormatError Error, string Says)> Cases = new()
    {
        ["tx id short"] = (j => j["txId"] = "abcd", ReceiptFormatError.InvalidField, "txId 'abcd' is not 64 hex characters"),
        ["tx id not hex"] = (j => j["txId"] = new string('g', 64), ReceiptFormatError.InvalidField, "txId"),
        ["decision unknown"] = (j => j["decision"] = "maybe", ReceiptFormatError.InvalidField, "decision 'maybe' is not 'commit' or 'abort'"),
        ["decision capitalised"] = (j => j["decision"] = "Commit", ReceiptFormatError.InvalidField, "decision 'Commit'"),
        ["reason unknown"] = (j => j["abortReason"] = "cosmicRays", ReceiptFormatError.InvalidField, "abortReason 'cosmicRays' is not a known abort reason"),
        ["algorithm unknown"] = (j => j["algorithm"] = "RSA", ReceiptFormatError.InvalidField, "algorithm 'RSA'"),
        ["algorithm mismatch"] = (j => j["algorithm"] = "ML-DSA-87", ReceiptFormatError.InvalidField, "algorithm says ML-DSA-87 but the signature's algorithm id byte is ML-DSA-65"),
        ["signature not base64"] = (j => j["signature"] = "***", ReceiptFormatError.InvalidField, "signature is not valid base64"),
        ["signature empty"] = (j => j["signature"] = "", ReceiptFormatError.InvalidField, "signature Encoded signature is empty"),
        ["signature truncated"] = (j => j["signature"] = Convert.ToBase64String(Convert.FromBase64String((string)j["signature"]!)[..100]), ReceiptFormatError.InvalidField, "ML-DSA-65 signature is 3309 bytes; got 99"),
        ["signature unknown algorithm id"] = (j => j["signature"] = Convert.ToBase64String([9, .. new byte[3309]]), ReceiptFormatError.InvalidField, "Unknown signature algorithm id 9"),
        ["format 2"] = (j => j["format"] = 2, ReceiptFormatError.UnsupportedVersion, "receipt format 2 is not supported"),
        ["format 2 with new fields"] = (j => { j["format"] = 2; j["witnesses"] = new JsonArray(); }, ReceiptFormatError.UnsupportedVersion, "format 2"),
        ["format huge"] = (j => j["format"] = 1e20, ReceiptFormatError.UnsupportedVersion, "format 1E+20"),
        ["format text"] = (j => j["format"] = "1", ReceiptFormatError.InvalidJson, "invalid JSON at $.format (line 1): the value has the wrong type"),
        ["unknown field"] = (j => j["note"] = "hi", ReceiptFormatError.InvalidJson, "note"),
        ["participants text"] = (j => j["participants"] = "0,2", ReceiptFormatError.InvalidJson, "$.participants"),
        ["participant fraction"] = (j => j["participants"] = new JsonArray(0, 1.5), ReceiptFormatError.InvalidJson, "$.participants"),
        ["participant null"] = (j => j["participants"] = new JsonArray(0, null), ReceiptFormatError.InvalidJson, "$.participants"),
        ["coordinator too big"] = (j => j["coordinator"] = 1e12, ReceiptFormatError.InvalidJson, "$.coordinator"),
        ["issued at text"] = (j => j["issuedAtUnixMs"] = "yesterday", ReceiptFormatError.InvalidJson, "$.issuedAtUnixMs"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Read_BadValue_IsTypedError_NamingTheField(string name)
    {
        var (breakIt, expected, says) = Cases[name];
        var json = Valid();
        breakIt(json);

        var error = Assert.Throws<ReceiptFormatException>(() => ReceiptJson.Read(json.ToJsonString()));

        Assert.Equal(expected, error.Error);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"format\": 1")]
    [InlineData("{\"format\": 1, \"format\": 1}")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}")]
    public void Read_NotAReceiptObject_IsInvalidJson(string json)
    {
        var error = Assert.Throws<ReceiptFormatException>(() => ReceiptJson.Read(json));

        Assert.Equal(ReceiptFormatError.InvalidJson, error.Error);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValidBaseline_IsAccepted()
    {
        Assert.Equal(Tx, ReceiptJson.Read(Valid().ToJsonString()).TxId);
    }

    [Fact]
    public void ReadFile_Missing_IsNotFound_AndTooLarge_IsTooLarge()
    {
        using var dir = new TempDirectory();
        var huge = dir.File("huge.json");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(ReceiptJson.MaxFileSize + 1L);
        }

        var missing = Assert.Throws<ReceiptFormatException>(() => ReceiptJson.ReadFile(dir.File("absent.json")));
        Assert.Equal(ReceiptFormatError.NotFound, missing.Error);
        Assert.Contains("absent.json", missing.Message, StringComparison.Ordinal);
        Assert.Equal(ReceiptFormatError.TooLarge, Assert.Throws<ReceiptFormatException>(() => ReceiptJson.ReadFile(huge)).Error);
    }

    [Fact]
    public void ReadFile_Malformed_PrefixesThePath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r.json");
        File.WriteAllText(path, "{}");

        var error = Assert.Throws<ReceiptFormatException>(() => ReceiptJson.ReadFile(path));

        Assert.Equal($"{path}: format is missing", error.Message);
    }

    private static JsonObject Valid() => JsonNode.Parse(ReceiptJson.Write(Commit()))!.AsObject();
}
