using CrossShard.Crypto.Signing;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.Signing;

public sealed class MlDsaSigningTests
{
    private static readonly byte[] Message = "transfer 10 from A@shard1 to B@shard2"u8.ToArray();

    public static TheoryData<SignatureAlgorithm> Algorithms =>
        [SignatureAlgorithm.MlDsa44, SignatureAlgorithm.MlDsa65, SignatureAlgorithm.MlDsa87];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Sign_ThenVerify_Succeeds(SignatureAlgorithm algorithm)
    {
        using var identity = NodeIdentity.Generate(algorithm);
        var signature = identity.Sign(Message, SignatureContext.Prepare);

        Assert.Equal(algorithm, signature.Algorithm);
        Assert.Equal(algorithm.GetSignatureSize(), signature.Value.Length);
        Assert.Equal(algorithm.GetPublicKeySize(), identity.PublicKey.KeyBytes.Length);
        Assert.True(MlDsa.CreateVerifier(identity.PublicKey).Verify(Message, signature, SignatureContext.Prepare));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verify_WrongContext_Fails(SignatureAlgorithm algorithm)
    {
        using var identity = NodeIdentity.Generate(algorithm);
        var signature = identity.Sign(Message, SignatureContext.Vote);
        var verifier = MlDsa.CreateVerifier(identity.PublicKey);

        Assert.True(verifier.Verify(Message, signature, SignatureContext.Vote));
        Assert.False(verifier.Verify(Message, signature, SignatureContext.Decision));
        Assert.False(verifier.Verify(Message, signature, SignatureContext.FromBytes([])));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verify_FlippedBitInSignature_Fails(SignatureAlgorithm algorithm)
    {
        using var identity = NodeIdentity.Generate(algorithm);
        var signature = identity.Sign(Message, SignatureContext.Ack);
        var verifier = MlDsa.CreateVerifier(identity.PublicKey);

        // First byte (commitment hash), middle (z) and last (hint encoding) cover every part of the signature.
        foreach (var position in new[] { 0, signature.Value.Length / 2, signature.Value.Length - 1 })
        {
            var bytes = signature.Value.ToArray();
            bytes[position] ^= 0x01;
            Assert.False(verifier.Verify(Message, Signature.Create(algorithm, bytes), SignatureContext.Ack), $"bit flip at {position}");
        }
    }

    [Fact]
    public void Verify_FlippedBitInMessage_Fails()
    {
        using var identity = NodeIdentity.Generate();
        var signature = identity.Sign(Message, SignatureContext.Status);
        var tampered = Message.ToArray();
        tampered[3] ^= 0x80;

        Assert.False(MlDsa.CreateVerifier(identity.PublicKey).Verify(tampered, signature, SignatureContext.Status));
    }

    [Fact]
    public void Verify_OtherNodesKey_Fails()
    {
        using var signer = NodeIdentity.Generate();
        using var other = NodeIdentity.Generate();
        var signature = signer.Sign(Message, SignatureContext.Receipt);

        Assert.False(MlDsa.CreateVerifier(other.PublicKey).Verify(Message, signature, SignatureContext.Receipt));
    }

    [Fact]
    public void Verify_SignatureOfOtherAlgorithm_FailsWithoutThrowing()
    {
        using var signer44 = NodeIdentity.Generate(SignatureAlgorithm.MlDsa44);
        using var signer65 = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        var signature44 = signer44.Sign(Message, SignatureContext.Prepare);

        Assert.False(MlDsa.CreateVerifier(signer65.PublicKey).Verify(Message, signature44, SignatureContext.Prepare));
    }

    [Fact]
    public void Sign_Hedged_GivesDifferentValidSignatures()
    {
        using var identity = NodeIdentity.Generate();
        var first = identity.Sign(Message, SignatureContext.Prepare);
        var second = identity.Sign(Message, SignatureContext.Prepare);
        var verifier = MlDsa.CreateVerifier(identity.PublicKey);

        Assert.NotEqual(first, second);
        Assert.True(verifier.Verify(Message, first, SignatureContext.Prepare));
        Assert.True(verifier.Verify(Message, second, SignatureContext.Prepare));
    }

    [Fact]
    public void Sign_Deterministic_GivesIdenticalSignatures()
    {
        var seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var options = new SigningOptions { Mode = SigningMode.Deterministic };
        using var identity = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, seed, options);

        Assert.Equal(identity.Sign(Message, SignatureContext.Vote), identity.Sign(Message, SignatureContext.Vote));
    }

    [Fact]
    public void Sign_Hedged_DrawsRandomnessFromInjectedSource()
    {
        var seed = new byte[32];
        var rnd = Enumerable.Repeat((byte)0xA5, 64).ToArray();
        var first = new FixedRandomNumberGenerator(rnd);
        var second = new FixedRandomNumberGenerator(rnd);
        using var a = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, seed, new SigningOptions { Random = first });
        using var b = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, seed, new SigningOptions { Random = second });

        // Same injected rnd gives the same signature, and each signature consumes exactly 32 bytes.
        Assert.Equal(a.Sign(Message, SignatureContext.Vote), b.Sign(Message, SignatureContext.Vote));
        Assert.Equal(32, first.Remaining);
    }

    [Fact]
    public void FromSeed_SameSeed_SamePublicKey()
    {
        var seed = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        using var a = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, seed);
        using var b = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, seed);
        using var c = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa87, seed);

        Assert.Equal(a.PublicKey, b.PublicKey);
        Assert.NotEqual(a.PublicKey, c.PublicKey);
    }

    [Fact]
    public void Generate_UsesInjectedRandomForSeed()
    {
        var seed = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
        using var generated = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65, new FixedRandomNumberGenerator(seed));
        using var derived = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, seed);

        Assert.Equal(derived.PublicKey, generated.PublicKey);
    }

    [Fact]
    public void FromSeed_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, new byte[31]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeIdentity.FromSeed((SignatureAlgorithm)9, new byte[32]));
    }

    [Fact]
    public void ImportPrivateKey_SignsLikeTheSeededIdentity()
    {
        using var identity = NodeIdentity.Generate(options: new SigningOptions { Mode = SigningMode.Deterministic });
        var imported = MlDsa.ImportPrivateKey(
            identity.Algorithm,
            identity.ExportExpandedPrivateKey(),
            new SigningOptions { Mode = SigningMode.Deterministic });

        Assert.Equal(identity.PublicKey, imported.PublicKey);
        Assert.Equal(identity.Sign(Message, SignatureContext.Batch), imported.Sign(Message, SignatureContext.Batch));
    }

    [Fact]
    public void Sign_AfterDispose_Throws()
    {
        var identity = NodeIdentity.Generate();
        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => identity.Sign(Message, SignatureContext.Prepare));
    }

    [Fact]
    public async Task SignAndVerify_ConcurrentCallers_AllSucceed()
    {
        using var identity = NodeIdentity.Generate();
        var verifier = MlDsa.CreateVerifier(identity.PublicKey);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            byte[] message = [.. Message, (byte)i];
            return verifier.Verify(message, identity.Sign(message, SignatureContext.Vote), SignatureContext.Vote);
        }, TestContext.Current.CancellationToken)));

        Assert.All(results, Assert.True);
    }
}
