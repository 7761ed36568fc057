using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Batching;

public sealed class BatchSigningTests : IDisposable
{
    private readonly NodeIdentity _identity = NodeIdentity.Generate();
    private readonly ISignatureVerifier _verifier;

    public BatchSigningTests()
    {
        _verifier = MlDsa.CreateVerifier(_identity.PublicKey);
    }

    public void Dispose() => _identity.Dispose();

    private static BatchEntry[] Entries(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new BatchEntry(
            i % 2 == 0 ? SignatureContext.Vote : SignatureContext.Ack,
            System.Text.Encoding.ASCII.GetBytes($"message-{i}")))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public void VerifyEntry_EveryMessageWithItsProof_Succeeds(int count)
    {
        var entries = Entries(count);
        var batch = BatchSigner.Sign(_identity, entries);
        var verifier = new BatchVerifier();

        Assert.Equal(count, batch.Signature.LeafCount);
        for (var i = 0; i < count; i++)
        {
            Assert.True(verifier.VerifyEntry(_verifier, batch.Signature, entries[i].Context, entries[i].Message.Span, batch.GetProof(i)), $"entry {i}");
        }
    }

    [Fact]
    public void VerifyAll_WholeBatch_Succeeds()
    {
        var entries = Entries(16);
        var batch = BatchSigner.Sign(_identity, entries);

        Assert.True(new BatchVerifier().VerifyAll(_verifier, batch.Signature, entries));
    }

    [Fact]
    public void VerifyAll_ReorderedDroppedOrAlteredMessages_Fails()
    {
        var entries = Entries(8);
        var batch = BatchSigner.Sign(_identity, entries);
        var verifier = new BatchVerifier();

        BatchEntry[] reordered = [entries[1], entries[0], .. entries[2..]];
        BatchEntry[] altered = [.. entries];
        altered[5] = altered[5] with { Message = "message-X"u8.ToArray() };

        Assert.False(verifier.VerifyAll(_verifier, batch.Signature, reordered));
        Assert.False(verifier.VerifyAll(_verifier, batch.Signature, entries[..7]));
        Assert.False(verifier.VerifyAll(_verifier, batch.Signature, altered));
    }

    [Fact]
    public void VerifyEntry_TamperedMessage_Fails()
    {
        var entries = Entries(8);
        var batch = BatchSigner.Sign(_identity, entries);

        Assert.False(new BatchVerifier().VerifyEntry(_verifier, batch.Signature, entries[3].Context, "message-9"u8, batch.GetProof(3)));
    }

    [Fact]
    public void VerifyEntry_MessageUnderAnotherKind_Fails()
    {
        // Entry 0 was batched as a Vote; presenting it as a Decision must not verify.
        var entries = Entries(4);
        var batch = BatchSigner.Sign(_identity, entries);

        Assert.False(new BatchVerifier().VerifyEntry(_verifier, batch.Signature, SignatureContext.Decision, entries[0].Message.Span, batch.GetProof(0)));
    }

    [Fact]
    public void VerifyEntry_ProofOfAnotherPosition_Fails()
    {
        var entries = Entries(8);
        var batch = BatchSigner.Sign(_identity, entries);

        Assert.False(new BatchVerifier().VerifyEntry(_verifier, batch.Signature, entries[2].Context, entries[2].Message.Span, batch.GetProof(3)));
    }

    [Fact]
    public void VerifyEntry_ForgedRootOrCount_Fails()
    {
        var entries = Entries(8);
        var batch = BatchSigner.Sign(_identity, entries);
        var forgedRoot = new BatchSignature(Sha3.Hash("other"u8), batch.Signature.LeafCount, batch.Signature.Signature);
        var forgedCount = new BatchSignature(batch.Signature.Root, 9, batch.Signature.Signature);
        var verifier = new BatchVerifier();

        Assert.False(verifier.VerifyEntry(_verifier, forgedRoot, entries[0].Context, entries[0].Message.Span, batch.GetProof(0)));
        Assert.False(verifier.VerifyEntry(_verifier, forgedCount, entries[0].Context, entries[0].Message.Span, batch.GetProof(0)));
    }

    [Fact]
    public void VerifyEntry_OtherSigner_Fails()
    {
        using var other = NodeIdentity.Generate();
        var entries = Entries(4);
        var batch = BatchSigner.Sign(_identity, entries);

        Assert.False(new BatchVerifier().VerifyEntry(MlDsa.CreateVerifier(other.PublicKey), batch.Signature, entries[0].Context, entries[0].Message.Span, batch.GetProof(0)));
    }

    [Fact]
    public void BatchSignature_EncodeDecode_RoundTrips()
    {
        var entries = Entries(5);
        var batch = BatchSigner.Sign(_identity, entries);
        var decoded = BatchSignature.Decode(batch.Signature.Encode());

        Assert.Equal(batch.Signature.Root, decoded.Root);
        Assert.Equal(5, decoded.LeafCount);
        Assert.Equal(batch.Signature.Signature, decoded.Signature);
        Assert.True(new BatchVerifier().VerifyAll(_verifier, decoded, entries));
        Assert.Throws<CryptoFormatException>(() => BatchSignature.Decode(batch.Signature.Encode().AsSpan(0, 100)));
    }

    [Fact]
    public void Sign_EmptyBatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => BatchSigner.Sign(_identity, []));
    }
}
