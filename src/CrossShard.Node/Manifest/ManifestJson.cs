using System.Text.Json;
using CrossShard.Crypto;
using CrossShard.Crypto.Signing;

namespace CrossShard.Node.Manifest;

/// <summary>Maps manifest JSON to <see cref="ClusterManifest"/> and back; JSON-level checks live here, content rules in <see cref="ManifestRules"/>.</summary>
internal static class ManifestJson
{
    public static ClusterManifest Parse(string json)
    {
        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ManifestDocument);
        }
        catch (JsonException e)
        {
            throw new ManifestException(ManifestError.InvalidJson, $"invalid JSON at {e.Path ?? "$"}{Line(e)}: {FirstSentence(e.Message)}", e);
        }

        if (document is null)
        {
            throw new ManifestException(ManifestError.InvalidJson, "the manifest is JSON null; expected an object");
        }

        var format = document.Format ?? throw Missing("format");
        if (format != ClusterManifest.CurrentFormat)
        {
            throw new ManifestException(
                ManifestError.UnsupportedFormat,
                $"format {format} is not supported (this build reads format {ClusterManifest.CurrentFormat})");
        }

        var clusterId = document.ClusterId ?? throw Missing("clusterId");
        var versions = document.ProtocolVersions ?? throw Missing("protocolVersions");
        var shardDocuments = document.Shards ?? throw Missing("shards");
        var shards = new List<ManifestShard>(shardDocuments.Count);
        for (var i = 0; i < shardDocuments.Count; i++)
        {
            shards.Add(ToShard(i, shardDocuments[i] ?? throw Missing($"shards[{i}]")));
        }

        return new ClusterManifest(clusterId, versions.Select(v => v ?? string.Empty), document.AllowLegacy ?? false, shards);
    }

    public static string ToJson(ClusterManifest manifest)
    {
        var document = new ManifestDocument
        {
            Format = ClusterManifest.CurrentFormat,
            ClusterId = manifest.ClusterId,
            ProtocolVersions = [.. manifest.ProtocolVersions],
            AllowLegacy = manifest.AllowLegacy,
            Shards = [.. manifest.Shards.Select(static s => new ManifestShardDocument { Id = s.Id, Endpoint = s.Endpoint, PublicKey = s.PublicKey.ToText() })],
        };
        return JsonSerializer.Serialize(document, ManifestJsonContext.Default.ManifestDocument);
    }

    private static ManifestShard ToShard(int index, ManifestShardDocument document)
    {
        var name = $"shards[{index}]";
        var id = document.Id ?? throw Missing($"{name}.id");
        name = $"{name} (id {id})";
        var endpoint = document.Endpoint ?? throw Missing($"{name}.endpoint");
        var keyText = document.PublicKey ?? throw Missing($"{name}.publicKey");
        try
        {
            return new ManifestShard(id, endpoint, SignaturePublicKey.ParseText(keyText));
        }
        catch (CryptoFormatException e)
        {
            throw new ManifestException(ManifestError.InvalidPublicKey, $"{name}: publicKey is not usable: {e.Message.TrimEnd('.')}", e);
        }
    }

    private static ManifestException Missing(string field) =>
        new(ManifestError.MissingField, $"{field} is missing");

    private static string Line(JsonException e) => e.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;

    // System.Text.Json appends "Path: … | LineNumber: …" and sometimes a second sentence; both are reported separately.
    private static string FirstSentence(string message)
    {
        // The converter's own sentence names .NET types; the path already says which value is wrong.
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return "the value has the wrong type";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var text = (cut >= 0 ? message[..cut] : message).ReplaceLineEndings(" ").Trim();
        return text.TrimEnd('.');
    }
}
