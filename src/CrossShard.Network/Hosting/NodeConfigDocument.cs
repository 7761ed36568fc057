namespace CrossShard.Network.Hosting;

/// <summary>A node config file as it appears in JSON, before validation; every field nullable so absence is reported by name.</summary>
internal sealed class NodeConfigDocument
{
    public int? Format { get; set; }

    public string? ClusterId { get; set; }

    public int? Shard { get; set; }

    public string? Listen { get; set; }

    public string? Health { get; set; }

    public string? KeyFile { get; set; }

    public string? ManifestFile { get; set; }

    public string? DataDir { get; set; }

    public string? GenesisFile { get; set; }

    public NodeTuning? Tuning { get; set; }
}

/// <summary>A genesis file as it appears in JSON, before validation.</summary>
internal sealed class GenesisDocument
{
    public int? Format { get; set; }

    public Dictionary<string, long?>? Accounts { get; set; }
}
