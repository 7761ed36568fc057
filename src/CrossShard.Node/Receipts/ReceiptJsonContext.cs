using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossShard.Node.Receipts;

/// <summary>Source-generated JSON for receipts: camelCase, unknown or repeated properties refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(ReceiptDocument))]
internal sealed partial class ReceiptJsonContext : JsonSerializerContext;
