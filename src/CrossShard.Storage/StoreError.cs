namespace CrossShard.Storage;

/// <summary>Why a store refused to open or write.</summary>
public enum StoreError
{
    /// <summary>A record or metadata entry fails its checksum or does not decode.</summary>
    Corrupt,

    /// <summary>A record or metadata entry is shorter than its header says.</summary>
    Truncated,

    /// <summary>Written by a newer format version than this build reads.</summary>
    NewerFormat,

    /// <summary>The store belongs to another cluster.</summary>
    WrongCluster,

    /// <summary>The store belongs to another shard (or a cluster of another size).</summary>
    WrongShard,

    /// <summary>The store's files cannot be opened (missing, locked by another process, permissions).</summary>
    Unavailable,

    /// <summary>A write or sync failed; the node must stop rather than promise durability it does not have.</summary>
    WriteFailed,
}
