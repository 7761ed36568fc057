using System.Text.Json.Serialization;

namespace CrossShard.Cli.Demo;

/// <summary>Source-generated JSON for the demo report (camelCase keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DemoReport))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
