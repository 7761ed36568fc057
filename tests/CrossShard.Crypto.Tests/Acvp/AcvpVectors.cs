using System.Text.Json;

namespace CrossShard.Crypto.Tests.Acvp;

/// <summary>One ACVP test case: its group, its prompt and its expected result, joined by tcId.</summary>
internal sealed record AcvpCase(JsonElement Group, JsonElement Prompt, JsonElement Expected)
{
    public int TcId => Prompt.GetProperty("tcId").GetInt32();

    public string ParameterSet => Group.GetProperty("parameterSet").GetString()!;

    public string? GroupString(string name) =>
        Group.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool? GroupBool(string name) =>
        Group.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public bool HasPrompt(string name) => Prompt.TryGetProperty(name, out _);

    public byte[] PromptHex(string name) => Convert.FromHexString(Prompt.GetProperty(name).GetString()!);

    public byte[] ExpectedHex(string name) => Convert.FromHexString(Expected.GetProperty(name).GetString()!);

    public bool ExpectedBool(string name) => Expected.GetProperty(name).GetBoolean();
}

/// <summary>Loads NIST ACVP prompt/expectedResults pairs from ../shared/testvectors/acvp beside the repository.</summary>
internal static class AcvpVectors
{
    public static string Directory { get; } = Locate();

    public static IReadOnlyList<AcvpCase> Load(string folder)
    {
        var dir = Path.Combine(Directory, folder);
        using var prompt = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "prompt.json")));
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "expectedResults.json")));

        var expectedByTcId = new Dictionary<int, JsonElement>();
        foreach (var group in expected.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                expectedByTcId.Add(test.GetProperty("tcId").GetInt32(), test.Clone());
            }
        }

        var cases = new List<AcvpCase>();
        foreach (var group in prompt.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var groupClone = group.Clone();
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var tcId = test.GetProperty("tcId").GetInt32();
                if (!expectedByTcId.Remove(tcId, out var result))
                {
                    throw new InvalidOperationException($"{folder}: tcId {tcId} has no expected result.");
                }

                cases.Add(new AcvpCase(groupClone, test.Clone(), result));
            }
        }

        if (expectedByTcId.Count != 0)
        {
            throw new InvalidOperationException($"{folder}: {expectedByTcId.Count} expected results have no prompt.");
        }

        return cases;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossShard.slnx")))
            {
                var acvp = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testvectors", "acvp"));
                return System.IO.Directory.Exists(acvp)
                    ? acvp
                    : throw new DirectoryNotFoundException($"ACVP vectors not found at {acvp}.");
            }
        }

        throw new DirectoryNotFoundException($"No CrossShard.slnx above {AppContext.BaseDirectory}.");
    }
}
