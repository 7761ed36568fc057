using System.Text.Json.Serialization;

namespace CrossShard.Cli.Simulate;

/// <summary>Source-generated JSON for simulation reports (camelCase keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CampaignReport))]
internal sealed partial class SimulateJsonContext : JsonSerializerContext;
