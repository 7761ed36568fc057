using System.Collections.Concurrent;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;

namespace CrossShard.Node.Receipts;

/// <summary>Checks receipts against a cluster manifest: this cluster, a known coordinator, and that coordinator's key.</summary>
/// <remarks>
/// Checks run in a fixed order and the first failure is reported: format version, structure, cluster id,
/// coordinator, participants, signature algorithm, signature. Thread-safe; keeps one verifier per shard key.
/// </remarks>
public sealed class ReceiptVerifier
{
    private readonly ConcurrentDictionary<int, ISignatureVerifier> _verifiers = new();

    /// <summary>Creates a verifier for receipts of the cluster described by <paramref name="manifest"/>.</summary>
    public ReceiptVerifier(ClusterManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
    }

    /// <summary>The manifest whose cluster id and keys receipts are checked against.</summary>
    public ClusterManifest Manifest { get; }

    /// <summary>Checks <paramref name="receipt"/>; never throws for a bad receipt, the status says what is wrong.</summary>
    public ReceiptVerification Verify(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.FormatVersion != ReceiptLayout.CurrentVersion)
        {
            return Fail(ReceiptVerificationStatus.UnsupportedVersion, $"unsupported receipt format {receipt.FormatVersion} (this build verifies format {ReceiptLayout.CurrentVersion})");
        }

        var participants = receipt.Participants.ToArray();
        if (ReceiptRules.Problem(receipt.ClusterId, receipt.Decision, receipt.AbortReason, participants, receipt.Coordinator, receipt.IssuedAtUnixMs) is { } problem)
        {
            return Fail(ReceiptVerificationStatus.Malformed, $"malformed receipt: {problem}");
        }

        if (!string.Equals(receipt.ClusterId, Manifest.ClusterId, StringComparison.Ordinal))
        {
            return Fail(ReceiptVerificationStatus.WrongCluster, $"wrong cluster: receipt is for cluster '{receipt.ClusterId}', manifest is for '{Manifest.ClusterId}'");
        }

        if (!Manifest.TryGetShard(receipt.Coordinator, out var coordinator))
        {
            return Fail(ReceiptVerificationStatus.UnknownCoordinator, $"unknown coordinator: {receipt.Coordinator} is not in the manifest ({Manifest.ShardCount} shards)");
        }

        foreach (var participant in participants)
        {
            if (!Manifest.Contains(participant))
            {
                return Fail(ReceiptVerificationStatus.UnknownParticipant, $"unknown participant: {participant} is not in the manifest ({Manifest.ShardCount} shards)");
            }
        }

        var key = coordinator.PublicKey;
        if (receipt.Signature.Algorithm != key.Algorithm)
        {
            return Fail(ReceiptVerificationStatus.BadSignature, $"bad signature: made with {receipt.Signature.Algorithm.GetName()} but {receipt.Coordinator}'s key is {key.Algorithm.GetName()}");
        }

        var verifier = _verifiers.GetOrAdd(coordinator.Id, static (_, k) => MlDsa.CreateVerifier(k), key);
        return verifier.Verify(receipt.GetSignedBytes(), receipt.Signature, SignatureContext.Receipt)
            ? new ReceiptVerification(ReceiptVerificationStatus.Valid, $"valid: {ReceiptNames.Decision(receipt.Decision)} {receipt.TxId} signed by {receipt.Coordinator}")
            : Fail(ReceiptVerificationStatus.BadSignature, $"bad signature: does not verify under {receipt.Coordinator}'s key ({key})");
    }

    private static ReceiptVerification Fail(ReceiptVerificationStatus status, string detail) => new(status, detail);
}
