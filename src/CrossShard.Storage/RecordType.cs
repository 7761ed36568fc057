namespace CrossShard.Storage;

/// <summary>
/// The second byte of every stored frame: what its payload holds. Values are part of the on-disk format and never reused.
/// Types below <see cref="StoreFormat"/> are write-ahead log records; the rest are the store's own values.
/// </summary>
public enum RecordType : byte
{
    /// <summary>Participant PREPARED record (<see cref="Core.Effects.PreparedRecord"/>).</summary>
    Prepared = 1,

    /// <summary>Participant COMMITTED record (<see cref="Core.Effects.CommittedRecord"/>).</summary>
    Committed = 2,

    /// <summary>Participant ABORTED record (<see cref="Core.Effects.AbortedRecord"/>).</summary>
    Aborted = 3,

    /// <summary>Coordinator COMMIT record (<see cref="Core.Effects.CommitDecisionRecord"/>).</summary>
    CommitDecision = 4,

    /// <summary>Coordinator END record (<see cref="Core.Effects.EndRecord"/>).</summary>
    End = 5,

    /// <summary>Store metadata: the store format version.</summary>
    StoreFormat = 16,

    /// <summary>Store metadata: the <see cref="StoreIdentity"/>.</summary>
    Identity = 17,

    /// <summary>An account's committed balance and version.</summary>
    Account = 18,

    /// <summary>An anchor key's presence.</summary>
    Anchor = 19,

    /// <summary>A finished transaction's decision, in the bounded decided window.</summary>
    Decided = 20,
}
