using System.Text.Json.Serialization;

namespace CrossShard.Cli.Client;

/// <summary>What <c>xshard submit --json</c> prints.</summary>
internal sealed record SubmitJson(string TxId, string Decision, string? AbortReason, int? AbortShard, int Coordinator);

/// <summary>What <c>xshard status --json</c> prints.</summary>
internal sealed record StatusJson(string TxId, string Phase, string? Decision, string? AbortReason, int? Coordinator, string? ReceiptFile);

/// <summary>One shard's total in <c>xshard balances --json</c>.</summary>
internal sealed record ShardTotalJson(int Shard, long Total);

/// <summary>What <c>xshard balances --json</c> prints.</summary>
internal sealed record BalancesJson(IReadOnlyList<ShardTotalJson> Shards, long Total, long GenesisTotal, IReadOnlyDictionary<string, long?> Accounts);

/// <summary>Source-generated JSON for the client commands (camelCase keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SubmitJson))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(BalancesJson))]
internal sealed partial class ClientCliJsonContext : JsonSerializerContext;
