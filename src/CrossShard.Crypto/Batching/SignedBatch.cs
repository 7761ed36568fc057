using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Batching;

/// <summary>The signer's view of a signed batch: the batch signature plus an inclusion proof per message.</summary>
public sealed class SignedBatch
{
    private readonly MerkleTree _tree;

    internal SignedBatch(MerkleTree tree, BatchSignature signature)
    {
        _tree = tree;
        Signature = signature;
    }

    /// <summary>The signature to send with every message of the batch.</summary>
    public BatchSignature Signature { get; }

    /// <summary>Number of messages in the batch.</summary>
    public int Count => _tree.Count;

    /// <summary>The inclusion proof to send with message <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the batch.</exception>
    public MerkleProof GetProof(int index) => _tree.GetProof(index);
}
