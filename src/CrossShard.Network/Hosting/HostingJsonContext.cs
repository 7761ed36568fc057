using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossShard.Network.Hosting;

/// <summary>Source-generated JSON for node config and genesis files (camelCase, comments allowed, unknown or repeated properties refused) and the health document.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16)]
[JsonSerializable(typeof(NodeConfigDocument))]
[JsonSerializable(typeof(GenesisDocument))]
[JsonSerializable(typeof(NodeHealth))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
