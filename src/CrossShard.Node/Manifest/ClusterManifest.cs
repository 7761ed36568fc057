using System.Diagnostics.CodeAnalysis;
using CrossShard.Core.Ids;
using CrossShard.Crypto.Signing;

namespace CrossShard.Node.Manifest;

/// <summary>The cluster's genesis and validator set: which shards exist, where their nodes listen and which key each signs with.</summary>
/// <remarks>
/// Every node loads the same manifest; a signature from a key not listed here is never accepted (PROTOCOL.md §1, §4).
/// An instance always satisfies the rules in docs/manifest.md: the constructor and the loaders refuse anything
/// else with a <see cref="ManifestException"/>. Immutable and thread-safe; <see cref="Shards"/> is ordered by id,
/// so <c>Shards[i].Id == i</c>.
/// </remarks>
public sealed record ClusterManifest
{
    /// <summary>The manifest format this build reads and writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Largest manifest file accepted, in bytes (far above any real cluster, far below a memory problem).</summary>
    public const int MaxFileSize = 16 * 1024 * 1024;

    private readonly ManifestShard[] _shards;
    private readonly string[] _protocolVersions;
    private readonly Dictionary<SignaturePublicKey, ManifestShard> _byKey;

    /// <summary>Creates a manifest from its parts, validating every rule.</summary>
    /// <param name="clusterId">Names the cluster; 1..64 characters of <c>A-Z a-z 0-9 . _ -</c>.</param>
    /// <param name="protocolVersions">Protocol versions the nodes speak, most preferred first; at least one.</param>
    /// <param name="allowLegacy">Whether the legacy (classical, pre-quantum) protocol is accepted (PROTOCOL.md §5).</param>
    /// <param name="shards">The shards, in any order; ids must be exactly <c>0..N-1</c>.</param>
    /// <exception cref="ManifestException">A rule is broken; the message names the field or shard.</exception>
    public ClusterManifest(string clusterId, IEnumerable<string> protocolVersions, bool allowLegacy, IEnumerable<ManifestShard> shards)
    {
        ArgumentNullException.ThrowIfNull(protocolVersions);
        ArgumentNullException.ThrowIfNull(shards);
        var versionList = protocolVersions.ToArray();
        var shardList = shards.ToArray();
        foreach (var shard in shardList)
        {
            ArgumentNullException.ThrowIfNull(shard, nameof(shards));
            ArgumentNullException.ThrowIfNull(shard.Endpoint, nameof(shards));
            ArgumentNullException.ThrowIfNull(shard.PublicKey, nameof(shards));
        }

        ManifestRules.Validate(clusterId, versionList, shardList);
        ClusterId = clusterId;
        AllowLegacy = allowLegacy;
        _protocolVersions = versionList;
        _shards = [.. shardList.OrderBy(static s => s.Id)];
        _byKey = _shards.ToDictionary(static s => s.PublicKey);
    }

    /// <summary>Names the cluster; signed into receipts so they cannot be replayed into another cluster.</summary>
    public string ClusterId { get; }

    /// <summary>Protocol versions the nodes speak, most preferred first.</summary>
    public IReadOnlyList<string> ProtocolVersions => _protocolVersions;

    /// <summary>Whether the legacy (classical, pre-quantum) protocol is accepted; false refuses every downgrade.</summary>
    public bool AllowLegacy { get; }

    /// <summary>The shards ordered by id; <c>Shards[i].Id == i</c>.</summary>
    public IReadOnlyList<ManifestShard> Shards => _shards;

    /// <summary>Number of shards.</summary>
    public int ShardCount => _shards.Length;

    /// <summary>Loads and validates the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="ManifestException">Missing, unreadable, too large, not JSON, or breaking a rule; the message starts with the path.</exception>
    public static ClusterManifest Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ManifestFile.Load(path);
    }

    /// <summary>Parses and validates manifest JSON.</summary>
    /// <exception cref="ManifestException">Not JSON, an unknown property, or a broken rule.</exception>
    public static ClusterManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ManifestJson.Parse(json);
    }

    /// <summary>Writes the manifest to <paramref name="path"/> atomically, replacing any existing file.</summary>
    /// <exception cref="ManifestException">The file could not be written.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ManifestFile.Save(path, this);
    }

    /// <summary>The manifest as indented JSON, in the form <see cref="Parse"/> reads.</summary>
    public string ToJson() => ManifestJson.ToJson(this);

    /// <summary>Whether <paramref name="shard"/> is part of the cluster.</summary>
    public bool Contains(ShardId shard) => shard.Value >= 0 && shard.Value < _shards.Length;

    /// <summary>Finds the entry for <paramref name="shard"/>.</summary>
    public bool TryGetShard(ShardId shard, [NotNullWhen(true)] out ManifestShard? entry)
    {
        entry = Contains(shard) ? _shards[shard.Value] : null;
        return entry is not null;
    }

    /// <summary>Finds the shard whose node signs with <paramref name="publicKey"/>; how a sender's key is checked against the manifest.</summary>
    public bool TryGetShardByKey(SignaturePublicKey publicKey, [NotNullWhen(true)] out ManifestShard? entry)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return _byKey.TryGetValue(publicKey, out entry);
    }

    /// <summary>The public key of <paramref name="shard"/>'s node.</summary>
    /// <exception cref="KeyNotFoundException">The shard is not in the manifest.</exception>
    public SignaturePublicKey PublicKeyOf(ShardId shard) =>
        TryGetShard(shard, out var entry)
            ? entry.PublicKey
            : throw new KeyNotFoundException($"{shard} is not in the manifest of cluster '{ClusterId}' ({ShardCount} shards)");

    /// <summary>Equal when every field is equal (lists compared element by element).</summary>
    public bool Equals(ClusterManifest? other) =>
        other is not null
        && ClusterId == other.ClusterId
        && AllowLegacy == other.AllowLegacy
        && _protocolVersions.AsSpan().SequenceEqual(other._protocolVersions)
        && _shards.AsSpan().SequenceEqual(other._shards);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ClusterId, AllowLegacy, _shards.Length, _shards[0]);

    /// <summary>The cluster id and shard count, short enough for logs.</summary>
    public override string ToString() => $"cluster '{ClusterId}' ({ShardCount} shards)";
}
