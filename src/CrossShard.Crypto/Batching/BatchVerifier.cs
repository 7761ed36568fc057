using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Batching;

/// <summary>Verifies batch-signed messages one at a time (with a proof) or a whole batch at once.</summary>
/// <remarks>
/// Thread-safe. With a cache, the ML-DSA check of a batch signature runs once per (key, root, signature);
/// every later message of the same batch only costs its Merkle proof.
/// </remarks>
/// <param name="cache">Optional cache of signatures that already verified; null verifies every time.</param>
public sealed class BatchVerifier(VerifiedSignatureCache? cache = null)
{
    private readonly VerifiedSignatureCache? _cache = cache;

    /// <summary>
    /// Whether <paramref name="message"/>, of kind <paramref name="context"/>, is in the batch signed by
    /// <paramref name="verifier"/>'s key, at the position and tree size <paramref name="proof"/> states.
    /// </summary>
    public bool VerifyEntry(
        ISignatureVerifier verifier,
        BatchSignature batch,
        SignatureContext context,
        ReadOnlySpan<byte> message,
        MerkleProof proof)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(proof);

        if (proof.TreeSize != batch.LeafCount)
        {
            return false;
        }

        var leaf = BatchLeaf.Hash(Sha3.CreateHasher(), context, message);

        // The cheap proof check goes first so forged proofs never cost a signature verification.
        return proof.VerifyLeafHash(leaf, batch.Root) && VerifyRootSignature(verifier, batch);
    }

    /// <summary>
    /// Whether <paramref name="entries"/> are exactly the batch signed by <paramref name="verifier"/>'s key, in
    /// order: the recomputed root and count must match and the signature must verify.
    /// </summary>
    public bool VerifyAll(ISignatureVerifier verifier, BatchSignature batch, IReadOnlyList<BatchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(entries);

        if (entries.Count != batch.LeafCount)
        {
            return false;
        }

        return BatchLeaf.BuildTree(entries).Root == batch.Root && VerifyRootSignature(verifier, batch);
    }

    private bool VerifyRootSignature(ISignatureVerifier verifier, BatchSignature batch)
    {
        var keyId = verifier.PublicKey.Fingerprint;
        if (_cache is not null && _cache.Contains(keyId, batch.Root, batch.LeafCount, batch.SignatureDigest))
        {
            return true;
        }

        Span<byte> payload = stackalloc byte[BatchSignature.PayloadSize];
        BatchSignature.WritePayload(batch.Root, batch.LeafCount, payload);
        if (!verifier.Verify(payload, batch.Signature, SignatureContext.Batch))
        {
            return false;
        }

        _cache?.Add(keyId, batch.Root, batch.LeafCount, batch.SignatureDigest);
        return true;
    }
}
