using CrossShard.Crypto.Signing;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.Acvp;

/// <summary>NIST ACVP ML-DSA vectors (FIPS 204) run through the library's public API, not BouncyCastle directly.</summary>
public sealed class MlDsaAcvpTests
{
    [Fact]
    public void KeyGen_AllCases_MatchExpectedKeys()
    {
        var tally = new AcvpTally();
        foreach (var testCase in AcvpVectors.Load("ML-DSA-keyGen-FIPS204"))
        {
            using var identity = NodeIdentity.FromSeed(Algorithm(testCase), testCase.PromptHex("seed"));
            var pkOk = identity.PublicKey.KeyBytes.SequenceEqual(testCase.ExpectedHex("pk"));
            var skOk = identity.ExportExpandedPrivateKey().AsSpan().SequenceEqual(testCase.ExpectedHex("sk"));
            tally.Check(testCase, pkOk && skOk, $"pk {pkOk}, sk {skOk}");
        }

        tally.AssertNoFailures();
        Assert.Equal(75, tally.Passed);
        Assert.Equal(0, tally.SkippedTotal);
    }

    [Fact]
    public void SigGen_PureExternalCases_MatchExpectedSignatures()
    {
        var tally = new AcvpTally();
        foreach (var testCase in AcvpVectors.Load("ML-DSA-sigGen-FIPS204"))
        {
            if (SkipReason(testCase) is { } reason)
            {
                tally.Skip(reason);
                continue;
            }

            var deterministic = testCase.GroupBool("deterministic") ?? throw new InvalidOperationException("deterministic missing");
            var random = deterministic ? null : new FixedRandomNumberGenerator(testCase.PromptHex("rnd"));
            var options = new SigningOptions
            {
                Mode = deterministic ? SigningMode.Deterministic : SigningMode.Hedged,
                Random = random,
            };
            var signer = MlDsa.ImportPrivateKey(Algorithm(testCase), testCase.PromptHex("sk"), options);
            var signature = signer.Sign(testCase.PromptHex("message"), SignatureContext.FromBytes(testCase.PromptHex("context")));

            // Hedged cases must consume exactly the given rnd, no more and no less.
            var rndConsumed = random is null || random.Remaining == 0;
            var signatureOk = signature.Value.SequenceEqual(testCase.ExpectedHex("signature"));
            tally.Check(testCase, signatureOk && rndConsumed, $"signature {signatureOk}, rnd consumed {rndConsumed}");
        }

        tally.AssertNoFailures();
        Assert.Equal(90, tally.Passed);
        Assert.Equal(90, tally.Skipped["preHash"]);
        Assert.Equal(180, tally.Skipped["internal interface"]);
        Assert.Equal(2, tally.Skipped.Count);
    }

    [Fact]
    public void SigVer_PureExternalCases_MatchExpectedVerdicts()
    {
        var tally = new AcvpTally();
        var verdicts = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        foreach (var testCase in AcvpVectors.Load("ML-DSA-sigVer-FIPS204"))
        {
            if (SkipReason(testCase) is { } reason)
            {
                tally.Skip(reason);
                continue;
            }

            var algorithm = Algorithm(testCase);
            var verifier = MlDsa.CreateVerifier(SignaturePublicKey.Create(algorithm, testCase.PromptHex("pk")));
            var expected = testCase.ExpectedBool("testPassed");
            var actual = verifier.Verify(
                testCase.PromptHex("message"),
                Signature.Create(algorithm, testCase.PromptHex("signature")),
                SignatureContext.FromBytes(testCase.PromptHex("context")));
            tally.Check(testCase, actual == expected, $"expected {expected}, got {actual}");
            verdicts[expected]++;
        }

        tally.AssertNoFailures();
        Assert.Equal(45, tally.Passed);
        Assert.Equal(9, verdicts[true]);
        Assert.Equal(36, verdicts[false]);
        Assert.Equal(45, tally.Skipped["preHash"]);
        Assert.Equal(90, tally.Skipped["internal interface"]);
        Assert.Equal(2, tally.Skipped.Count);
    }

    /// <summary>
    /// The library signs only with FIPS 204 pure ML-DSA through the external interface (the message is framed
    /// with the context by ML-DSA.Sign). Pre-hash (HashML-DSA) and the internal interface (raw M′ or external μ)
    /// are not part of its API, so those cases are counted and skipped.
    /// </summary>
    private static string? SkipReason(AcvpCase testCase) =>
        testCase.GroupString("signatureInterface") switch
        {
            "internal" => "internal interface",
            "external" when testCase.GroupString("preHash") == "preHash" => "preHash",
            "external" when testCase.GroupString("preHash") == "pure" => null,
            var other => throw new InvalidOperationException($"tcId {testCase.TcId}: unexpected interface '{other}'"),
        };

    /// <summary>The algorithm of a case's parameter set ("ML-DSA-65" …).</summary>
    internal static SignatureAlgorithm Algorithm(AcvpCase testCase) =>
        SignatureAlgorithmInfo.TryParseName(testCase.ParameterSet, out var algorithm)
            ? algorithm
            : throw new InvalidOperationException($"Unknown parameter set {testCase.ParameterSet}");
}
