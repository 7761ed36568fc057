using CrossShard.Crypto.Lattice;
using CrossShard.Crypto.Tests.Acvp;

namespace CrossShard.Crypto.Tests.Lattice;

/// <summary>
/// The ACVP ML-DSA cases of the internal interface (Sign_internal / Verify_internal on a framed M′ or an external μ),
/// which the public API does not offer, run straight against the library's engine: they cover the arithmetic with
/// 180 more signatures and 90 more verdicts than the pure cases.
/// </summary>
public sealed class AcvpInternalInterfaceTests
{
    [Fact]
    public void SigGen_InternalCases_MatchExpectedSignatures()
    {
        var tally = new AcvpTally();
        foreach (var testCase in AcvpVectors.Load("ML-DSA-sigGen-FIPS204"))
        {
            if (testCase.GroupString("signatureInterface") != "internal")
            {
                tally.Skip("external interface");
                continue;
            }

            var parameters = MlDsaParameterSet.For(MlDsaAcvpTests.Algorithm(testCase));
            using var key = MlDsaSigningKey.Decode(parameters, testCase.PromptHex("sk"));
            var mu = Mu(testCase, key.PublicKeyHash);
            var deterministic = testCase.GroupBool("deterministic") ?? throw new InvalidOperationException("deterministic missing");
            var rnd = deterministic ? new byte[32] : testCase.PromptHex("rnd");

            var signature = MlDsaSignEngine.SignMu(key, mu, rnd);
            tally.Check(testCase, signature.AsSpan().SequenceEqual(testCase.ExpectedHex("signature")), "signature differs");
        }

        tally.AssertNoFailures();
        Assert.Equal(180, tally.Passed);
        Assert.Equal(180, tally.Skipped["external interface"]);
    }

    [Fact]
    public void SigVer_InternalCases_MatchExpectedVerdicts()
    {
        var tally = new AcvpTally();
        var verdicts = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        foreach (var testCase in AcvpVectors.Load("ML-DSA-sigVer-FIPS204"))
        {
            if (testCase.GroupString("signatureInterface") != "internal")
            {
                tally.Skip("external interface");
                continue;
            }

            var key = MlDsaVerifyingKey.Decode(MlDsaParameterSet.For(MlDsaAcvpTests.Algorithm(testCase)), testCase.PromptHex("pk"));
            var expected = testCase.ExpectedBool("testPassed");
            var actual = MlDsaVerifyEngine.VerifyMu(key, Mu(testCase, key.PublicKeyHash), testCase.PromptHex("signature"));
            tally.Check(testCase, actual == expected, $"expected {expected}, got {actual}");
            verdicts[expected]++;
        }

        tally.AssertNoFailures();
        Assert.Equal(90, tally.Passed);
        Assert.True(verdicts[true] > 0 && verdicts[false] > 0, $"valid {verdicts[true]}, invalid {verdicts[false]}");
        Assert.Equal(90, tally.Skipped["external interface"]);
    }

    /// <summary>μ as given (external μ), or H(tr ‖ M′) of the given framed message.</summary>
    private static byte[] Mu(AcvpCase testCase, byte[] publicKeyHash)
    {
        if (testCase.GroupBool("externalMu") == true)
        {
            return testCase.PromptHex("mu");
        }

        var mu = new byte[64];
        MessageRepresentative.ComputeFramed(publicKeyHash, testCase.PromptHex("message"), mu);
        return mu;
    }
}
