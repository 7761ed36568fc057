using System.Text.Json.Serialization;

namespace CrossShard.Cli.Receipts;

/// <summary>Source-generated JSON for the receipt commands' output (camelCase keys, one line).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReceiptVerifyReport))]
internal sealed partial class ReceiptCliJsonContext : JsonSerializerContext;
