using System.Text.Json.Serialization;

namespace CrossShard.Simulation;

/// <summary>Source-generated JSON for trace values.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
