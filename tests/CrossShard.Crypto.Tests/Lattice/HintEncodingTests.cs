using CrossShard.Crypto.Lattice;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Lattice;

/// <summary>The edges of the hint: its computation at the boundary −γ2 and the strict decoding FIPS 204 requires for strong unforgeability.</summary>
public sealed class HintEncodingTests
{
    [Fact]
    public void MakeHint_AtMinusGamma2_IsSetOnlyWhenTheHighPartIsNotZero()
    {
        var gamma2 = (ModQ.Q - 1) / 32;
        var low = new int[256];
        var high = new int[256];
        low[0] = -gamma2;
        low[1] = -gamma2;
        high[1] = 3;
        low[2] = gamma2;
        low[3] = gamma2 + 1;
        var hint = new int[256];

        var count = PolyOps.MakeHint(low, high, gamma2, hint);

        Assert.Equal([0, 1, 0, 1], hint[..4]);
        Assert.Equal(2, count);
    }

    [Fact]
    public void Signature_WithHintIndicesOutOfOrder_IsInvalid_InBothImplementations()
    {
        // Reordered indices decode to the same hint set: a lax decoder would accept a second encoding of one signature.
        var parameters = MlDsaParameterSet.For(SignatureAlgorithm.MlDsa65);
        using var signer = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        var verifiers = new[] { SignerImplementation.CrossShard, SignerImplementation.BouncyCastle }
            .Select(i => MlDsa.CreateVerifier(signer.PublicKey, i))
            .ToArray();
        var hintOffset = parameters.CTildeBytes + (parameters.L * parameters.ZPolyBytes);
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 200, "no signature with two hints in one polynomial");
            var message = BitConverter.GetBytes(attempt);
            var signature = signer.Sign(message, SignatureContext.Vote).Value.ToArray();
            var start = 0;
            for (var poly = 0; poly < parameters.K; poly++)
            {
                int end = signature[hintOffset + parameters.Omega + poly];
                if (end - start >= 2)
                {
                    (signature[hintOffset + start], signature[hintOffset + start + 1]) = (signature[hintOffset + start + 1], signature[hintOffset + start]);
                    var reordered = Signature.Create(SignatureAlgorithm.MlDsa65, signature);
                    Assert.All(verifiers, v => Assert.False(v.Verify(message, reordered, SignatureContext.Vote)));
                    return;
                }

                start = end;
            }
        }
    }

    [Fact]
    public void Signature_WithANonZeroUnusedHintByte_IsInvalid()
    {
        var parameters = MlDsaParameterSet.For(SignatureAlgorithm.MlDsa65);
        using var signer = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        var verifier = MlDsa.CreateVerifier(signer.PublicKey, SignerImplementation.CrossShard);
        var hintOffset = parameters.CTildeBytes + (parameters.L * parameters.ZPolyBytes);
        var signature = signer.Sign("m"u8, SignatureContext.Vote).Value.ToArray();
        int used = signature[hintOffset + parameters.Omega + parameters.K - 1];
        Assert.True(used < parameters.Omega, "every hint slot used");

        signature[hintOffset + parameters.Omega - 1] = 1;

        Assert.False(verifier.Verify("m"u8, Signature.Create(SignatureAlgorithm.MlDsa65, signature), SignatureContext.Vote));
    }
}
