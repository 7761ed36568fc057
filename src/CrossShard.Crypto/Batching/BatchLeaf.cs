using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Batching;

/// <summary>Leaf hashing for batches: SHA3-256(0x00 || u8 context length || context || message).</summary>
/// <remarks>The length prefix makes the (context, message) split unambiguous.</remarks>
internal static class BatchLeaf
{
    public static Hash256 Hash(Sha3Hasher hasher, SignatureContext context, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(context);
        hasher.Append(MerkleTree.LeafPrefix);
        hasher.Append((byte)context.Length);
        hasher.Append(context.Span);
        hasher.Append(message);
        return hasher.Finish();
    }

    public static MerkleTree BuildTree(IReadOnlyList<BatchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var hashes = new Hash256[entries.Count];
        var hasher = Sha3.CreateHasher();
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Hash(hasher, entries[i].Context, entries[i].Message.Span);
        }

        return MerkleTree.FromLeafHashes(hashes);
    }
}
