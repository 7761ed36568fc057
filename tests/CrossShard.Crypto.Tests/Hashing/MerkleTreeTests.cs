using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Tests.Hashing;

public sealed class MerkleTreeTests
{
    private static ReadOnlyMemory<byte>[] Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (ReadOnlyMemory<byte>)System.Text.Encoding.ASCII.GetBytes($"leaf-{i}"))];

    /// <summary>RFC 9162 §2.1.1 MTH, written independently of the library (recursive split at the largest power of two).</summary>
    private static Hash256 ReferenceRoot(ReadOnlySpan<ReadOnlyMemory<byte>> leaves)
    {
        if (leaves.Length == 1)
        {
            return Sha3.Hash([0x00, .. leaves[0].Span]);
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        byte[] node = [0x01, .. ReferenceRoot(leaves[..k]).ToArray(), .. ReferenceRoot(leaves[k..]).ToArray()];
        return Sha3.Hash(node);
    }

    [Fact]
    public void Root_ThreeLeaves_KnownAnswer()
    {
        var tree = MerkleTree.Build([.. new[] { "a", "b", "c" }.Select(s => (ReadOnlyMemory<byte>)System.Text.Encoding.ASCII.GetBytes(s))]);

        // Computed independently with Python hashlib: H(1 || H(1 || H(0||a) || H(0||b)) || H(0||c)).
        Assert.Equal("3eaea59d209d4f38ef1fec603f66e86df85d5d8af007985389422debfeaf2e30", tree.Root.ToString());
    }

    [Fact]
    public void Root_MatchesRfc9162Reference_ForSizes1To40()
    {
        for (var n = 1; n <= 40; n++)
        {
            var leaves = Leaves(n);
            Assert.Equal(ReferenceRoot(leaves), MerkleTree.Build(leaves).Root);
        }
    }

    [Fact]
    public void Proof_EveryLeaf_VerifiesForSizes1To40()
    {
        for (var n = 1; n <= 40; n++)
        {
            var leaves = Leaves(n);
            var tree = MerkleTree.Build(leaves);
            for (var i = 0; i < n; i++)
            {
                var proof = tree.GetProof(i);
                Assert.True(proof.Verify(leaves[i].Span, tree.Root), $"n={n} i={i}");
                if (n > 1)
                {
                    Assert.False(proof.Verify(leaves[(i + 1) % n].Span, tree.Root), $"other leaf accepted n={n} i={i}");
                }
            }
        }
    }

    [Fact]
    public void Proof_SingleLeaf_HasEmptyPathAndRootIsLeafHash()
    {
        var tree = MerkleTree.Build(Leaves(1));

        Assert.Empty(tree.GetProof(0).Path);
        Assert.Equal(MerkleTree.HashLeaf(Leaves(1)[0].Span), tree.Root);
    }

    [Fact]
    public void Proof_TamperedPathHash_Fails()
    {
        var leaves = Leaves(13);
        var tree = MerkleTree.Build(leaves);
        var proof = tree.GetProof(6);
        for (var i = 0; i < proof.Path.Count; i++)
        {
            var path = proof.Path.ToArray();
            var bytes = path[i].ToArray();
            bytes[0] ^= 1;
            path[i] = Hash256.FromBytes(bytes);

            Assert.False(new MerkleProof(proof.LeafIndex, proof.TreeSize, path).Verify(leaves[6].Span, tree.Root), $"path[{i}]");
        }
    }

    [Fact]
    public void Proof_WrongIndexOrSizeOrPathLength_Fails()
    {
        var leaves = Leaves(13);
        var tree = MerkleTree.Build(leaves);
        var proof = tree.GetProof(6);

        Assert.False(new MerkleProof(7, proof.TreeSize, proof.Path).Verify(leaves[6].Span, tree.Root));

        // A size that changes the leaf's path shape is rejected. A size with the same shape (e.g. 14 here) is
        // not detectable from the proof alone, which is why batch signatures sign the leaf count.
        Assert.False(new MerkleProof(6, 7, proof.Path).Verify(leaves[6].Span, tree.Root));
        Assert.False(new MerkleProof(6, 8, proof.Path).Verify(leaves[6].Span, tree.Root));
        Assert.False(new MerkleProof(6, 13, proof.Path.Take(proof.Path.Count - 1)).Verify(leaves[6].Span, tree.Root));
        Assert.False(new MerkleProof(6, 13, [.. proof.Path, proof.Path[0]]).Verify(leaves[6].Span, tree.Root));
    }

    [Fact]
    public void Proof_InnerNodePresentedAsLeaf_Fails()
    {
        // Second-preimage attempt: claim the concatenated children of an inner node are a leaf of a smaller tree.
        var leaves = Leaves(4);
        var tree = MerkleTree.Build(leaves);
        byte[] fakeLeaf = [.. tree.GetLeafHash(0).ToArray(), .. tree.GetLeafHash(1).ToArray()];
        var rightSubtree = MerkleTree.HashNode(tree.GetLeafHash(2), tree.GetLeafHash(3));

        Assert.False(new MerkleProof(0, 2, [rightSubtree]).Verify(fakeLeaf, tree.Root));
    }

    [Fact]
    public void Proof_EncodeDecode_RoundTrips()
    {
        var tree = MerkleTree.Build(Leaves(300));
        var proof = tree.GetProof(217);
        var decoded = MerkleProof.Decode(proof.Encode());

        Assert.Equal(proof.LeafIndex, decoded.LeafIndex);
        Assert.Equal(proof.TreeSize, decoded.TreeSize);
        Assert.Equal(proof.Path, decoded.Path);
        Assert.True(decoded.Verify(Leaves(300)[217].Span, tree.Root));
    }

    [Fact]
    public void Proof_DecodeMalformed_Throws()
    {
        var encoded = MerkleTree.Build(Leaves(5)).GetProof(4).Encode();

        Assert.Throws<CryptoFormatException>(() => MerkleProof.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.Throws<CryptoFormatException>(() => MerkleProof.Decode(encoded.AsSpan(0, 8)));
        var badIndex = encoded.ToArray();
        badIndex[0] = 9;
        Assert.Throws<CryptoFormatException>(() => MerkleProof.Decode(badIndex));
    }

    [Fact]
    public void Build_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.Build([]));
    }
}
