using System.Text.Json;
using System.Text.Json.Serialization;
using CrossShard.Core.Locks;

namespace CrossShard.Cli.Bench;

/// <summary>Writes a <see cref="LockPolicy"/> by its command-line name (<c>wait-for-older</c>), the way it was given.</summary>
internal sealed class LockPolicyJsonConverter : JsonConverter<LockPolicy>
{
    /// <inheritdoc />
    public override LockPolicy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LockPolicyNames.TryParse(reader.GetString(), out var policy)
            ? policy
            : throw new JsonException($"lockPolicy must be {string.Join(" or ", LockPolicyNames.All)}");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LockPolicy value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(LockPolicyNames.NameOf(value));
    }
}
