namespace CrossShard.Node.Receipts;

/// <summary>The outcome of checking a receipt against a cluster manifest.</summary>
/// <remarks>Zero is deliberately not a value, so a default result is never mistaken for a valid one.</remarks>
public enum ReceiptVerificationStatus
{
    /// <summary>The receipt is well formed, names this cluster, and carries a valid signature by its coordinator's manifest key.</summary>
    Valid = 1,

    /// <summary>The signature does not verify under the coordinator's key, or was made with another algorithm than that key's.</summary>
    BadSignature = 2,

    /// <summary>The coordinator shard is not in the manifest, so there is no key to check against.</summary>
    UnknownCoordinator = 3,

    /// <summary>A participant shard is not in the manifest.</summary>
    UnknownParticipant = 4,

    /// <summary>The receipt names another cluster id than the manifest's.</summary>
    WrongCluster = 5,

    /// <summary>The fields break a structural rule (e.g. participants not ascending, a commit with an abort reason).</summary>
    Malformed = 6,

    /// <summary>The receipt format version is not one this build verifies.</summary>
    UnsupportedVersion = 7,
}
