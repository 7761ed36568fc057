namespace CrossShard.Node.Receipts;

/// <summary>The result of <see cref="ReceiptVerifier.Verify"/>: a status and one line saying what was found.</summary>
/// <param name="Status">Valid, or which check failed.</param>
/// <param name="Detail">One line for operators, e.g. <c>bad signature: does not verify under shard-1's key</c>.</param>
public readonly record struct ReceiptVerification(ReceiptVerificationStatus Status, string Detail)
{
    /// <summary>Whether the receipt passed every check.</summary>
    public bool IsValid => Status == ReceiptVerificationStatus.Valid;
}
