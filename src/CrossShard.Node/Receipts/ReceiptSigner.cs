using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;

namespace CrossShard.Node.Receipts;

/// <summary>Issues signed receipts for one coordinator node in one cluster.</summary>
/// <remarks>Thread-safe when the underlying <see cref="ISigner"/> is (every signer in this repository is).</remarks>
public sealed class ReceiptSigner
{
    private readonly ISigner _signer;

    /// <summary>Creates a signer for the node holding <paramref name="signer"/> in cluster <paramref name="clusterId"/>.</summary>
    /// <exception cref="ArgumentException">The cluster id breaks the manifest's cluster id rule.</exception>
    public ReceiptSigner(ISigner signer, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(clusterId);
        if (ClusterIdRules.Check(clusterId) is { } bad)
        {
            throw new ArgumentException(bad.Problem, nameof(clusterId));
        }

        _signer = signer;
        ClusterId = clusterId;
    }

    /// <summary>The cluster id signed into every receipt.</summary>
    public string ClusterId { get; }

    /// <summary>The key receipts verify under; must be the coordinator's key in the manifest.</summary>
    public SignaturePublicKey PublicKey => _signer.PublicKey;

    /// <summary>Signs the outcome of <paramref name="txId"/>; participants may come in any order and are sorted.</summary>
    /// <param name="txId">The transaction.</param>
    /// <param name="decision">Commit or abort.</param>
    /// <param name="reason">Why it aborted; <see cref="AbortReason.None"/> for a commit.</param>
    /// <param name="participants">The participant shards, each once.</param>
    /// <param name="coordinator">This node's shard.</param>
    /// <param name="issuedAt">When the receipt is issued (from the node's clock); stored as Unix milliseconds.</param>
    /// <exception cref="ArgumentException">The fields break a receipt rule (docs/receipts.md).</exception>
    public TransactionReceipt Sign(
        TxId txId,
        DecisionKind decision,
        AbortReason reason,
        IEnumerable<ShardId> participants,
        ShardId coordinator,
        DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ShardId[] sorted = [.. participants.Order()];
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"{sorted[i]} is listed twice", nameof(participants));
            }
        }

        var issuedAtUnixMs = issuedAt.ToUnixTimeMilliseconds();
        if (ReceiptRules.Problem(ClusterId, decision, reason, sorted, coordinator, issuedAtUnixMs) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var signedBytes = ReceiptLayout.Encode(ClusterId, txId, decision, reason, sorted, coordinator, issuedAtUnixMs);
        var signature = _signer.Sign(signedBytes, SignatureContext.Receipt);
        return new TransactionReceipt(ReceiptLayout.CurrentVersion, ClusterId, txId, decision, reason, sorted, coordinator, issuedAtUnixMs, signature);
    }
}
