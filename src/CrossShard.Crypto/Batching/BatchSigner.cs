using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Batching;

/// <summary>Signs a batch of messages with one ML-DSA signature over their Merkle root.</summary>
public static class BatchSigner
{
    /// <summary>Builds the Merkle tree over <paramref name="entries"/> and signs its root and size.</summary>
    /// <exception cref="ArgumentException">The batch is empty.</exception>
    public static SignedBatch Sign(ISigner signer, IReadOnlyList<BatchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one message.", nameof(entries));
        }

        var tree = BatchLeaf.BuildTree(entries);
        Span<byte> payload = stackalloc byte[BatchSignature.PayloadSize];
        BatchSignature.WritePayload(tree.Root, tree.Count, payload);
        var signature = signer.Sign(payload, SignatureContext.Batch);
        return new SignedBatch(tree, new BatchSignature(tree.Root, tree.Count, signature));
    }
}
