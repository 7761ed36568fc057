using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Batching;

public sealed class VerifiedSignatureCacheTests
{
    /// <summary>Counts calls and delegates, so tests can see when the cache skipped a real verification.</summary>
    private sealed class CountingVerifier(ISignatureVerifier inner) : ISignatureVerifier
    {
        public int Calls { get; private set; }

        public SignaturePublicKey PublicKey => inner.PublicKey;

        public bool Verify(ReadOnlySpan<byte> message, Signature signature, SignatureContext context)
        {
            Calls++;
            return inner.Verify(message, signature, context);
        }
    }

    private static BatchEntry[] Entries(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new BatchEntry(SignatureContext.Prepare, new[] { (byte)i }))];

    [Fact]
    public void VerifyEntry_SameBatchTwice_VerifiesSignatureOnce()
    {
        using var identity = NodeIdentity.Generate();
        var counting = new CountingVerifier(MlDsa.CreateVerifier(identity.PublicKey));
        var cache = new VerifiedSignatureCache(16);
        var verifier = new BatchVerifier(cache);
        var entries = Entries(8);
        var batch = BatchSigner.Sign(identity, entries);

        for (var i = 0; i < entries.Length; i++)
        {
            Assert.True(verifier.VerifyEntry(counting, batch.Signature, entries[i].Context, entries[i].Message.Span, batch.GetProof(i)));
        }

        Assert.Equal(1, counting.Calls);
        Assert.Equal(7, cache.Hits);
        Assert.Equal(1, cache.Misses);
    }

    [Fact]
    public void Cache_NeverStoresFailures()
    {
        using var identity = NodeIdentity.Generate();
        using var other = NodeIdentity.Generate();
        var counting = new CountingVerifier(MlDsa.CreateVerifier(other.PublicKey));
        var cache = new VerifiedSignatureCache(16);
        var verifier = new BatchVerifier(cache);
        var entries = Entries(2);
        var batch = BatchSigner.Sign(identity, entries);

        Assert.False(verifier.VerifyAll(counting, batch.Signature, entries));
        Assert.False(verifier.VerifyAll(counting, batch.Signature, entries));
        Assert.Equal(2, counting.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Cache_CorruptedCopyOfVerifiedSignature_IsVerifiedAgainAndRejected()
    {
        using var identity = NodeIdentity.Generate();
        var counting = new CountingVerifier(MlDsa.CreateVerifier(identity.PublicKey));
        var verifier = new BatchVerifier(new VerifiedSignatureCache(16));
        var entries = Entries(4);
        var batch = BatchSigner.Sign(identity, entries);
        Assert.True(verifier.VerifyAll(counting, batch.Signature, entries));

        var bytes = batch.Signature.Signature.Value.ToArray();
        bytes[10] ^= 0x04;
        var corrupted = new BatchSignature(batch.Signature.Root, batch.Signature.LeafCount, Signature.Create(identity.Algorithm, bytes));

        Assert.False(verifier.VerifyAll(counting, corrupted, entries));
        Assert.Equal(2, counting.Calls);
    }

    [Fact]
    public void Cache_SameRootUnderAnotherKey_IsNotAHit()
    {
        using var identity = NodeIdentity.Generate();
        using var other = NodeIdentity.Generate();
        var cache = new VerifiedSignatureCache(16);
        var verifier = new BatchVerifier(cache);
        var entries = Entries(4);
        var batch = BatchSigner.Sign(identity, entries);

        Assert.True(verifier.VerifyAll(MlDsa.CreateVerifier(identity.PublicKey), batch.Signature, entries));
        Assert.False(verifier.VerifyAll(MlDsa.CreateVerifier(other.PublicKey), batch.Signature, entries));
    }

    [Fact]
    public void Cache_IsBoundedAndEvictsLeastRecentlyUsed()
    {
        using var identity = NodeIdentity.Generate();
        var counting = new CountingVerifier(MlDsa.CreateVerifier(identity.PublicKey));
        var cache = new VerifiedSignatureCache(2);
        var verifier = new BatchVerifier(cache);
        var batches = Enumerable.Range(0, 3).Select(i => (Entries: Entries(i + 1), Batch: BatchSigner.Sign(identity, Entries(i + 1)))).ToArray();

        Assert.True(verifier.VerifyAll(counting, batches[0].Batch.Signature, batches[0].Entries));
        Assert.True(verifier.VerifyAll(counting, batches[1].Batch.Signature, batches[1].Entries));
        Assert.True(verifier.VerifyAll(counting, batches[0].Batch.Signature, batches[0].Entries)); // hit; 0 is now most recent
        Assert.True(verifier.VerifyAll(counting, batches[2].Batch.Signature, batches[2].Entries)); // evicts 1
        Assert.Equal(3, counting.Calls);
        Assert.Equal(2, cache.Count);

        Assert.True(verifier.VerifyAll(counting, batches[0].Batch.Signature, batches[0].Entries)); // still cached
        Assert.Equal(3, counting.Calls);
        Assert.True(verifier.VerifyAll(counting, batches[1].Batch.Signature, batches[1].Entries)); // was evicted
        Assert.Equal(4, counting.Calls);
    }

    [Fact]
    public void Capacity_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VerifiedSignatureCache(0));
    }
}
