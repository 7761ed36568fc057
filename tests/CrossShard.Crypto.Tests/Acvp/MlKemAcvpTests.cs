using CrossShard.Crypto.Kem;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.Acvp;

/// <summary>NIST ACVP ML-KEM vectors (FIPS 203) run through the library's public API, not BouncyCastle directly.</summary>
public sealed class MlKemAcvpTests
{
    [Fact]
    public void KeyGen_AllCases_MatchExpectedKeys()
    {
        var tally = new AcvpTally();
        foreach (var testCase in AcvpVectors.Load("ML-KEM-keyGen-FIPS203"))
        {
            // The FIPS 203 seed is d || z.
            byte[] seed = [.. testCase.PromptHex("d"), .. testCase.PromptHex("z")];
            using var keyPair = MlKemKeyPair.FromSeed(Algorithm(testCase), seed);
            var ekOk = keyPair.EncapsulationKey.KeyBytes.SequenceEqual(testCase.ExpectedHex("ek"));
            var dkOk = keyPair.ExportDecapsulationKey().AsSpan().SequenceEqual(testCase.ExpectedHex("dk"));
            tally.Check(testCase, ekOk && dkOk, $"ek {ekOk}, dk {dkOk}");
        }

        tally.AssertNoFailures();
        Assert.Equal(75, tally.Passed);
    }

    [Fact]
    public void EncapDecap_AllCases_MatchExpectedResults()
    {
        var tally = new AcvpTally();
        var perFunction = new Dictionary<string, int>();
        foreach (var testCase in AcvpVectors.Load("ML-KEM-encapDecap-FIPS203"))
        {
            var algorithm = Algorithm(testCase);
            var function = testCase.GroupString("function")!;
            switch (function)
            {
                case "encapsulation":
                    {
                        var random = new FixedRandomNumberGenerator(testCase.PromptHex("m"));
                        using var result = new MlKemEncapsulator(random).Encapsulate(KemPublicKey.Create(algorithm, testCase.PromptHex("ek")));
                        var cOk = result.Ciphertext.SequenceEqual(testCase.ExpectedHex("c"));
                        var kOk = result.SharedSecret.SequenceEqual(testCase.ExpectedHex("k"));
                        tally.Check(testCase, cOk && kOk && random.Remaining == 0, $"c {cOk}, k {kOk}, m left {random.Remaining}");
                        break;
                    }

                case "decapsulation":
                    {
                        using var keyPair = MlKemKeyPair.ImportDecapsulationKey(algorithm, testCase.PromptHex("dk"));
                        var k = keyPair.Decapsulate(testCase.PromptHex("c"));
                        tally.Check(testCase, k.AsSpan().SequenceEqual(testCase.ExpectedHex("k")));
                        break;
                    }

                case "encapsulationKeyCheck":
                    {
                        var expected = testCase.ExpectedBool("testPassed");
                        var actual = MlKemKeyValidation.IsValidEncapsulationKey(algorithm, testCase.PromptHex("ek"));
                        tally.Check(testCase, actual == expected, $"expected {expected}, got {actual}");
                        break;
                    }

                case "decapsulationKeyCheck":
                    {
                        var expected = testCase.ExpectedBool("testPassed");
                        var actual = MlKemKeyValidation.IsValidDecapsulationKey(algorithm, testCase.PromptHex("dk"));
                        tally.Check(testCase, actual == expected, $"expected {expected}, got {actual}");
                        break;
                    }

                default:
                    throw new InvalidOperationException($"tcId {testCase.TcId}: unexpected function '{function}'");
            }

            perFunction[function] = perFunction.GetValueOrDefault(function) + 1;
        }

        tally.AssertNoFailures();
        Assert.Equal(165, tally.Passed);
        Assert.Equal(75, perFunction["encapsulation"]);
        Assert.Equal(30, perFunction["decapsulation"]);
        Assert.Equal(30, perFunction["encapsulationKeyCheck"]);
        Assert.Equal(30, perFunction["decapsulationKeyCheck"]);
    }

    private static KemAlgorithm Algorithm(AcvpCase testCase) =>
        KemAlgorithmInfo.TryParseName(testCase.ParameterSet, out var algorithm)
            ? algorithm
            : throw new InvalidOperationException($"Unknown parameter set {testCase.ParameterSet}");
}
