using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;

namespace CrossShard.Node.Receipts;

/// <summary>A coordinator's signed statement of a transaction's outcome, which anyone holding the cluster manifest can check.</summary>
/// <remarks>
/// The signature covers <see cref="GetSignedBytes"/> (layout in docs/receipts.md) under the FIPS 204 context
/// <c>crossshard/v1/receipt</c>. The constructor only rejects nulls, so a receipt read from outside can hold
/// anything; <see cref="ReceiptVerifier"/> decides whether it is valid. Immutable.
/// </remarks>
public sealed record TransactionReceipt
{
    private readonly ShardId[] _participants;

    /// <summary>Creates a receipt from its fields (participants copied in the given order).</summary>
    /// <param name="formatVersion">The receipt format; <see cref="ReceiptLayout.CurrentVersion"/> for every receipt this build issues.</param>
    /// <param name="clusterId">The cluster the transaction ran in.</param>
    /// <param name="txId">The transaction.</param>
    /// <param name="decision">Commit or abort.</param>
    /// <param name="abortReason">Why it aborted; <see cref="AbortReason.None"/> for a commit.</param>
    /// <param name="participants">The participant shards, strictly ascending.</param>
    /// <param name="coordinator">The shard that coordinated and signed.</param>
    /// <param name="issuedAtUnixMs">When the coordinator issued the receipt, Unix milliseconds; informational only.</param>
    /// <param name="signature">The coordinator's signature over <see cref="GetSignedBytes"/>.</param>
    public TransactionReceipt(
        int formatVersion,
        string clusterId,
        TxId txId,
        DecisionKind decision,
        AbortReason abortReason,
        IEnumerable<ShardId> participants,
        ShardId coordinator,
        long issuedAtUnixMs,
        Signature signature)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(signature);
        FormatVersion = formatVersion;
        ClusterId = clusterId;
        TxId = txId;
        Decision = decision;
        AbortReason = abortReason;
        _participants = [.. participants];
        Coordinator = coordinator;
        IssuedAtUnixMs = issuedAtUnixMs;
        Signature = signature;
    }

    /// <summary>The receipt format version (also the layout version in the signed bytes).</summary>
    public int FormatVersion { get; }

    /// <summary>The cluster the transaction ran in; signed, so the receipt does not verify in another cluster.</summary>
    public string ClusterId { get; }

    /// <summary>The transaction.</summary>
    public TxId TxId { get; }

    /// <summary>Commit or abort.</summary>
    public DecisionKind Decision { get; }

    /// <summary>Why the transaction aborted; <see cref="AbortReason.None"/> for a commit.</summary>
    public AbortReason AbortReason { get; }

    /// <summary>The participant shards, strictly ascending in a valid receipt.</summary>
    public IReadOnlyList<ShardId> Participants => _participants;

    /// <summary>The shard that coordinated the transaction and signed the receipt.</summary>
    public ShardId Coordinator { get; }

    /// <summary>When the coordinator issued the receipt, in Unix milliseconds; informational, not a freshness guarantee.</summary>
    public long IssuedAtUnixMs { get; }

    /// <summary>The coordinator's ML-DSA signature over <see cref="GetSignedBytes"/>.</summary>
    public Signature Signature { get; }

    /// <summary>The exact bytes the signature covers (docs/receipts.md).</summary>
    /// <exception cref="InvalidOperationException">The fields break a rule, so they have no signed form.</exception>
    public byte[] GetSignedBytes()
    {
        if (FormatVersion != ReceiptLayout.CurrentVersion)
        {
            throw new InvalidOperationException($"receipt format {FormatVersion} has no signed layout in this build");
        }

        return ReceiptRules.Problem(ClusterId, Decision, AbortReason, _participants, Coordinator, IssuedAtUnixMs) is { } problem
            ? throw new InvalidOperationException(problem)
            : ReceiptLayout.Encode(ClusterId, TxId, Decision, AbortReason, _participants, Coordinator, IssuedAtUnixMs);
    }

    /// <summary>Equal when every field, participant and signature byte is equal.</summary>
    public bool Equals(TransactionReceipt? other) =>
        other is not null
        && FormatVersion == other.FormatVersion
        && ClusterId == other.ClusterId
        && TxId == other.TxId
        && Decision == other.Decision
        && AbortReason == other.AbortReason
        && _participants.AsSpan().SequenceEqual(other._participants)
        && Coordinator == other.Coordinator
        && IssuedAtUnixMs == other.IssuedAtUnixMs
        && Signature.Equals(other.Signature);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TxId, Decision, Coordinator, Signature);

    /// <summary>Decision, transaction and coordinator, short enough for logs.</summary>
    public override string ToString() => $"{ReceiptNames.Decision(Decision)} {TxId} by {Coordinator}";
}
