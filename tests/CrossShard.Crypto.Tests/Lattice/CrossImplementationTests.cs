using System.Security.Cryptography;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Lattice;

/// <summary>The library's own ML-DSA code against BouncyCastle's on keys, messages and contexts drawn from a seed.</summary>
public sealed class CrossImplementationTests
{
    private static readonly SigningOptions Ours = new() { Implementation = SignerImplementation.CrossShard };
    private static readonly SigningOptions Theirs = new() { Implementation = SignerImplementation.BouncyCastle };

    public static TheoryData<SignatureAlgorithm> Algorithms =>
        [SignatureAlgorithm.MlDsa44, SignatureAlgorithm.MlDsa65, SignatureAlgorithm.MlDsa87];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void DeterministicSignatures_AreByteIdentical(SignatureAlgorithm algorithm)
    {
        var random = new Random(20261204 + (int)algorithm);
        for (var round = 0; round < 12; round++)
        {
            var seed = Bytes(random, 32);
            var (message, context) = (Bytes(random, random.Next(0, 300)), SignatureContext.FromBytes(Bytes(random, random.Next(0, 256))));
            using var ours = NodeIdentity.FromSeed(algorithm, seed, Ours with { Mode = SigningMode.Deterministic });
            using var theirs = NodeIdentity.FromSeed(algorithm, seed, Theirs with { Mode = SigningMode.Deterministic });

            Assert.Equal(theirs.PublicKey.KeyBytes.ToArray(), ours.PublicKey.KeyBytes.ToArray());
            Assert.Equal(theirs.Sign(message, context).Value.ToArray(), ours.Sign(message, context).Value.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void HedgedSignatures_VerifyAcrossImplementations_AndTamperingFailsInBoth(SignatureAlgorithm algorithm)
    {
        var random = new Random(4711 + (int)algorithm);
        using var ourSigner = NodeIdentity.FromSeed(algorithm, Bytes(random, 32), Ours);
        using var theirSigner = NodeIdentity.FromSeed(algorithm, Bytes(random, 32), Theirs);
        foreach (var signer in new[] { ourSigner, theirSigner })
        {
            var ourVerifier = MlDsa.CreateVerifier(signer.PublicKey, SignerImplementation.CrossShard);
            var theirVerifier = MlDsa.CreateVerifier(signer.PublicKey, SignerImplementation.BouncyCastle);
            for (var round = 0; round < 8; round++)
            {
                var message = Bytes(random, random.Next(1, 200));
                var context = SignatureContext.FromBytes(Bytes(random, random.Next(0, 40)));
                var signature = signer.Sign(message, context);
                Assert.True(ourVerifier.Verify(message, signature, context));
                Assert.True(theirVerifier.Verify(message, signature, context));

                // One flipped bit anywhere (commitment, z, hint indices or counts) must fail in both, alike.
                var tampered = signature.Value.ToArray();
                var position = random.Next(tampered.Length);
                tampered[position] ^= (byte)(1 << random.Next(8));
                var forged = Signature.Create(algorithm, tampered);
                Assert.False(ourVerifier.Verify(message, forged, context), $"byte {position}");
                Assert.False(theirVerifier.Verify(message, forged, context), $"byte {position}");

                var otherMessage = message.ToArray();
                otherMessage[0] ^= 1;
                Assert.False(ourVerifier.Verify(otherMessage, signature, context));
            }
        }
    }

    [Fact]
    public void HedgedSigning_DrawsFreshRandomness_EachSignatureDiffers()
    {
        using var signer = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65, options: Ours);
        var first = signer.Sign("m"u8, SignatureContext.Prepare);
        var second = signer.Sign("m"u8, SignatureContext.Prepare);

        Assert.NotEqual(first.Value.ToArray(), second.Value.ToArray());
    }

    [Fact]
    public void ImportedKey_WithASecretCoefficientOutOfRange_IsRefusedAsMalformed()
    {
        using var identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        var sk = identity.ExportExpandedPrivateKey();

        // s1 starts after ρ, K and tr; ML-DSA-65 packs η = 4 as 4 bits per coefficient, so 0xF encodes η − 15 = −11.
        sk[128] = 0xFF;
        var error = Assert.Throws<CryptoFormatException>(() => MlDsa.ImportPrivateKey(SignatureAlgorithm.MlDsa65, sk, Ours));

        Assert.Equal(CryptoFormatError.Malformed, error.Error);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
