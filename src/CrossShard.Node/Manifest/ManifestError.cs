namespace CrossShard.Node.Manifest;

/// <summary>Why a cluster manifest was rejected; <see cref="ManifestException"/> carries one.</summary>
public enum ManifestError
{
    /// <summary>The manifest file (or its directory) does not exist.</summary>
    NotFound = 1,

    /// <summary>The file exists but could not be read or written (permissions, I/O error).</summary>
    Unreadable = 2,

    /// <summary>The file is larger than <see cref="ClusterManifest.MaxFileSize"/>.</summary>
    TooLarge = 3,

    /// <summary>The text is not JSON, has a value of the wrong type, or has a property the format does not define.</summary>
    InvalidJson = 4,

    /// <summary>A required property is absent or null.</summary>
    MissingField = 5,

    /// <summary>The <c>format</c> number is not one this build reads.</summary>
    UnsupportedFormat = 6,

    /// <summary>The cluster id is empty or whitespace.</summary>
    EmptyClusterId = 7,

    /// <summary>The cluster id is too long or has characters outside <c>A-Z a-z 0-9 . _ -</c>.</summary>
    InvalidClusterId = 8,

    /// <summary>The protocol version list is empty, or has a blank or repeated entry.</summary>
    InvalidProtocolVersions = 9,

    /// <summary>The shard list is empty.</summary>
    NoShards = 10,

    /// <summary>Two shards have the same id.</summary>
    DuplicateShardId = 11,

    /// <summary>The shard ids are not exactly <c>0..N-1</c> for N shards.</summary>
    ShardIdsNotContiguous = 12,

    /// <summary>An endpoint is not <c>host:port</c> with a port in 1..65535.</summary>
    InvalidEndpoint = 13,

    /// <summary>Two shards have the same endpoint.</summary>
    DuplicateEndpoint = 14,

    /// <summary>A public key is not <c>ML-DSA-NN:&lt;base64&gt;</c> of a known algorithm and the right length.</summary>
    InvalidPublicKey = 15,

    /// <summary>Two shards have the same public key (a node key must identify exactly one shard).</summary>
    DuplicatePublicKey = 16,
}
