namespace CrossShard.Node.Manifest;

/// <summary>The manifest as it appears in JSON, before validation; every field nullable so absence is reported by name.</summary>
internal sealed class ManifestDocument
{
    public int? Format { get; set; }

    public string? ClusterId { get; set; }

    public List<string?>? ProtocolVersions { get; set; }

    public bool? AllowLegacy { get; set; }

    public List<ManifestShardDocument?>? Shards { get; set; }
}

/// <summary>One shard entry as it appears in JSON, before validation.</summary>
internal sealed class ManifestShardDocument
{
    public int? Id { get; set; }

    public string? Endpoint { get; set; }

    public string? PublicKey { get; set; }
}
