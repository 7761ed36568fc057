using System.Text.Json.Serialization;

namespace CrossShard.Cli.Bench;

/// <summary>What <c>xshard bench</c> drives.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BenchMode>))]
public enum BenchMode
{
    /// <summary>Every shard node in this process, on an in-memory network (<see cref="EmbeddedBenchTarget"/>).</summary>
    [JsonStringEnumMemberName("embedded")]
    Embedded,

    /// <summary>Separate node processes over gRPC (needs the networked node).</summary>
    [JsonStringEnumMemberName("cluster")]
    Cluster,
}
