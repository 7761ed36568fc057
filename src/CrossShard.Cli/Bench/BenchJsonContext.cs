using System.Text.Json.Serialization;

namespace CrossShard.Cli.Bench;

/// <summary>Source-generated JSON for the bench report (camelCase keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(SignatureComparison))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
