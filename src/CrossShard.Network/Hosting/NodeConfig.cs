using System.Net;
using CrossShard.Core.Locks;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;

namespace CrossShard.Network.Hosting;

/// <summary>
/// How one node process runs (a JSON file): its shard, where it listens for clients and peers (HTTP/2) and for health
/// checks (HTTP/1.1), its key, the cluster manifest, its data directory and genesis, and optional tuning. Relative
/// paths are relative to the file's directory. An instance is always valid: <see cref="Load"/> and
/// <see cref="Validate"/> refuse anything else with a <see cref="NodeConfigException"/> naming the file and field.
/// </summary>
public sealed record NodeConfig
{
    /// <summary>The config format this build reads and writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The cluster the node belongs to; must equal the manifest's id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The shard the node owns (0..1023); must be in the manifest.</summary>
    public required int Shard { get; init; }

    /// <summary>Where the node serves gRPC (client API and peer links), cleartext HTTP/2; its port must be the manifest endpoint's.</summary>
    public required ListenAddress Listen { get; init; }

    /// <summary>Where the node answers <c>GET /health</c>, HTTP/1.1 (a different port: Kestrel cannot serve both protocols in cleartext on one).</summary>
    public required ListenAddress Health { get; init; }

    /// <summary>The node's private key file (<c>xshard keygen</c> format, mode 0600).</summary>
    public required string KeyFile { get; init; }

    /// <summary>The cluster manifest file.</summary>
    public required string ManifestFile { get; init; }

    /// <summary>The node's RocksDB directory; created on first start.</summary>
    public required string DataDir { get; init; }

    /// <summary>The genesis file; the node opens the accounts its shard owns when its store is new. None when null.</summary>
    public string? GenesisFile { get; init; }

    /// <summary>Optional settings; each null keeps the library default.</summary>
    public NodeTuning Tuning { get; init; } = new();

    /// <summary>The directory relative paths are resolved against: the config file's. Not written to the file.</summary>
    public string BaseDirectory { get; init; } = ".";

    /// <summary>Where the config was read from, for messages; empty when built in code.</summary>
    public string SourceFile { get; init; } = string.Empty;

    /// <summary>How long shutdown waits for admitted submissions to finish. Default 10 s.</summary>
    public TimeSpan DrainTimeout => TimeSpan.FromMilliseconds(Tuning.DrainTimeoutMs ?? 10_000);

    /// <summary><paramref name="path"/> resolved against <see cref="BaseDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>Loads and validates the config at <paramref name="path"/>.</summary>
    /// <exception cref="NodeConfigException">Missing, unreadable, not JSON, an unknown field, or a broken rule.</exception>
    public static NodeConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = JsonFiles.Read(path, HostingJsonContext.Default.NodeConfigDocument);
        return FromDocument(document, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Writes the config as JSON to <paramref name="path"/> (atomically), paths as given.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = new NodeConfigDocument
        {
            Format = CurrentFormat,
            ClusterId = ClusterId,
            Shard = Shard,
            Listen = Listen.ToString(),
            Health = Health.ToString(),
            KeyFile = KeyFile,
            ManifestFile = ManifestFile,
            DataDir = DataDir,
            GenesisFile = GenesisFile,
            Tuning = Tuning == new NodeTuning() ? null : Tuning,
        };
        JsonFiles.Write(path, document, HostingJsonContext.Default.NodeConfigDocument);
    }

    /// <summary>Checks every rule; throws <see cref="NodeConfigException"/> naming the first field that breaks one.</summary>
    public NodeConfig Validate()
    {
        var file = SourceFile.Length > 0 ? SourceFile : "node config";
        if (CheckClusterId(ClusterId) is { } problem)
        {
            throw new NodeConfigException(file, "clusterId", problem);
        }

        if (Shard is < 0 or >= ShardMap.MaxShards)
        {
            throw new NodeConfigException(file, "shard", $"must be between 0 and {ShardMap.MaxShards - 1}, got {Shard}");
        }

        if (Listen.Port == Health.Port && (Listen.Address.Equals(Health.Address) || IsAny(Listen.Address) || IsAny(Health.Address)))
        {
            throw new NodeConfigException(file, "health", $"{Health} is the gRPC listen address too; cleartext HTTP/2 and HTTP/1.1 need separate ports");
        }

        foreach (var (field, value) in new[] { ("keyFile", KeyFile), ("manifestFile", ManifestFile), ("dataDir", DataDir) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new NodeConfigException(file, field, "is empty");
            }
        }

        if (GenesisFile is not null && string.IsNullOrWhiteSpace(GenesisFile))
        {
            throw new NodeConfigException(file, "genesisFile", "is empty; leave it out for no genesis");
        }

        CheckTuning(file);
        return this;
    }

    /// <summary>The library settings of this node in a cluster of <paramref name="shardCount"/> shards.</summary>
    public CrossShardConfig ToCrossShardConfig(int shardCount)
    {
        var config = new CrossShardConfig
        {
            ClusterId = ClusterId,
            LocalShard = Shard,
            ConnectedShards = [.. Enumerable.Range(0, shardCount).Where(s => s != Shard)],
        };
        return config with
        {
            MaxInFlight = Tuning.MaxInFlight ?? config.MaxInFlight,
            BatchSize = Tuning.BatchSize ?? config.BatchSize,
            TransactionTimeout = Tuning.TransactionTimeoutMs is { } timeout ? TimeSpan.FromMilliseconds(timeout) : config.TransactionTimeout,
            HeartbeatInterval = Tuning.HeartbeatIntervalMs is { } beat ? TimeSpan.FromMilliseconds(beat) : config.HeartbeatInterval,
            MissedHeartbeatsBeforeDown = Tuning.MissedHeartbeatsBeforeDown ?? config.MissedHeartbeatsBeforeDown,
            SealPacing = Tuning.MaxSigningIntervalMs is { } interval ? config.SealPacing with { MaxInterval = TimeSpan.FromMilliseconds(interval) } : config.SealPacing,
            LockPolicy = LockPolicyNames.TryParse(Tuning.LockPolicy, out var policy) ? policy : config.LockPolicy,
        };
    }

    private static NodeConfig FromDocument(NodeConfigDocument document, string file, string baseDirectory)
    {
        var format = document.Format ?? throw Missing(file, "format");
        if (format != CurrentFormat)
        {
            throw new NodeConfigException(file, "format", $"{format} is not supported (this build reads format {CurrentFormat})");
        }

        return new NodeConfig
        {
            ClusterId = document.ClusterId ?? throw Missing(file, "clusterId"),
            Shard = document.Shard ?? throw Missing(file, "shard"),
            Listen = Address(file, "listen", document.Listen),
            Health = Address(file, "health", document.Health),
            KeyFile = document.KeyFile ?? throw Missing(file, "keyFile"),
            ManifestFile = document.ManifestFile ?? throw Missing(file, "manifestFile"),
            DataDir = document.DataDir ?? throw Missing(file, "dataDir"),
            GenesisFile = document.GenesisFile,
            Tuning = document.Tuning ?? new NodeTuning(),
            BaseDirectory = baseDirectory,
            SourceFile = file,
        }.Validate();
    }

    private static ListenAddress Address(string file, string field, string? text)
    {
        if (text is null)
        {
            throw Missing(file, field);
        }

        return ListenAddress.TryParse(text, out var address, out var problem) ? address : throw new NodeConfigException(file, field, problem);
    }

    private void CheckTuning(string file)
    {
        Range(file, "tuning.maxInFlight", Tuning.MaxInFlight, 1, 10_000_000);
        Range(file, "tuning.batchSize", Tuning.BatchSize, 1, 100_000);
        Range(file, "tuning.transactionTimeoutMs", Tuning.TransactionTimeoutMs, 1, 86_400_000);
        Range(file, "tuning.heartbeatIntervalMs", Tuning.HeartbeatIntervalMs, 1, 86_400_000);
        Range(file, "tuning.missedHeartbeatsBeforeDown", Tuning.MissedHeartbeatsBeforeDown, 1, 1000);
        Range(file, "tuning.drainTimeoutMs", Tuning.DrainTimeoutMs, 0, 600_000);
        Range(file, "tuning.maxSigningIntervalMs", Tuning.MaxSigningIntervalMs, 1, 1000);
        if (Tuning.LockPolicy is { } policy && !LockPolicyNames.TryParse(policy, out _))
        {
            throw new NodeConfigException(file, "tuning.lockPolicy", $"must be {string.Join(" or ", LockPolicyNames.All)}, got '{policy}'");
        }
    }

    private static void Range(string file, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new NodeConfigException(file, field, $"must be between {min} and {max}, got {v}");
        }
    }

    /// <summary>Null when <paramref name="clusterId"/> is a valid cluster id, otherwise what is wrong with it (the library's own rule and sentence).</summary>
    public static string? CheckClusterId(string clusterId)
    {
        try
        {
            _ = new CrossShardConfig { ClusterId = clusterId }.Validate();
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Replace("ClusterId: ", string.Empty, StringComparison.Ordinal);
        }
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static NodeConfigException Missing(string file, string field) => new(file, field, "is missing");
}
