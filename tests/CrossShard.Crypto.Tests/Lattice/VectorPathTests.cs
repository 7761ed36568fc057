using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Lattice;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Lattice;

/// <summary>The AVX2 paths of the lattice arithmetic give exactly what the portable code gives.</summary>
/// <remarks>The vector paths are what the ACVP tests exercise on this machine; these keep the scalar ones honest.</remarks>
public sealed class VectorPathTests
{
    [Fact]
    public void ForwardAndInverseNtt_VectorAndScalar_AgreeCoefficientForCoefficient()
    {
        Assert.SkipUnless(Montgomery8.IsSupported, "no AVX2 on this CPU: only the scalar path exists");
        var random = new Random(256);
        for (var round = 0; round < 50; round++)
        {
            // Inputs of the sizes signing feeds the transforms: masks up to 2^19, reduced values up to q.
            var bound = round % 2 == 0 ? 1 << 19 : ModQ.Q - 1;
            var input = Enumerable.Range(0, 256).Select(_ => random.Next(-bound, bound + 1)).ToArray();
            var vector = input.ToArray();
            var scalar = input.ToArray();

            Ntt.Forward(vector, vectorized: true);
            Ntt.Forward(scalar, vectorized: false);
            Assert.Equal(scalar, vector);

            var reduced = input.Select(ModQ.Reduce32).ToArray();
            vector = reduced.ToArray();
            scalar = reduced.ToArray();
            Ntt.InverseToMontgomery(vector, vectorized: true);
            Ntt.InverseToMontgomery(scalar, vectorized: false);
            Assert.Equal(scalar, vector);
        }
    }

    [Theory]
    [InlineData(SignatureAlgorithm.MlDsa44)]
    [InlineData(SignatureAlgorithm.MlDsa65)]
    [InlineData(SignatureAlgorithm.MlDsa87)]
    public void ExpandMask_FourWayAndOneByOne_GiveTheSameMask(SignatureAlgorithm algorithm)
    {
        Assert.SkipUnless(ShakeX4.IsSupported, "no AVX2 on this CPU: only the one-by-one path exists");
        var parameters = MlDsaParameterSet.For(algorithm);
        var random = new Random(34);
        var seed = new byte[64];
        for (var round = 0; round < 20; round++)
        {
            random.NextBytes(seed);
            // Counters near the 16-bit wrap as well as the first ones.
            var kappa = round % 2 == 0 ? round * parameters.L : ushort.MaxValue - round;
            // One attempt's ℓ polynomials, two attempts' 2ℓ (a short last group of four for ML-DSA-65 and -87), or one.
            var polynomials = (round % 3) switch { 0 => parameters.L, 1 => 2 * parameters.L, _ => 1 };
            var fourWay = new int[polynomials * 256];
            var oneByOne = new int[polynomials * 256];

            Sampling.ExpandMask(seed, kappa, parameters, fourWay, fourWay: true);
            Sampling.ExpandMask(seed, kappa, parameters, oneByOne, fourWay: false);

            Assert.Equal(oneByOne, fourWay);
        }
    }

    [Theory]
    [InlineData(SignatureAlgorithm.MlDsa44)]
    [InlineData(SignatureAlgorithm.MlDsa65)]
    [InlineData(SignatureAlgorithm.MlDsa87)]
    public void ExpandA_FourWayAndOneByOne_GiveTheSameMatrix(SignatureAlgorithm algorithm)
    {
        Assert.SkipUnless(ShakeX4.IsSupported, "no AVX2 on this CPU: only the one-by-one path exists");
        var parameters = MlDsaParameterSet.For(algorithm);
        var random = new Random(32);
        var rho = new byte[32];
        for (var round = 0; round < 5; round++)
        {
            random.NextBytes(rho);
            var fourWay = new int[parameters.K * parameters.L * 256];
            var oneByOne = new int[fourWay.Length];

            Sampling.ExpandA(rho, parameters, fourWay, fourWay: true);
            Sampling.ExpandA(rho, parameters, oneByOne, fourWay: false);

            Assert.Equal(oneByOne, fourWay);
            Assert.All(fourWay, coefficient => Assert.InRange(coefficient, 0, ModQ.Q - 1));
        }
    }

    [Theory]
    [InlineData(18, 1 << 17)]
    [InlineData(20, 1 << 19)]
    public void MaskUnpacking_VectorAndScalar_GiveTheSameCoefficients(int bits, int gamma1)
    {
        Assert.SkipUnless(Montgomery8.IsSupported, "no AVX2 on this CPU: only the scalar path exists");
        var random = new Random(bits);
        var stream = new byte[32 * bits];
        for (var round = 0; round < 50; round++)
        {
            // Random streams, and the extremes: every field 0 (y = γ1) and every field all ones (y = γ1 − 2^bits + 1).
            if (round == 0 || round == 1)
            {
                Array.Fill(stream, round == 0 ? (byte)0 : (byte)0xFF);
            }
            else
            {
                random.NextBytes(stream);
            }

            var vector = new int[256];
            var scalar = new int[256];
            MaskUnpacking.Unpack(stream, bits, gamma1, vector, vectorized: true);
            MaskUnpacking.Unpack(stream, bits, gamma1, scalar, vectorized: false);

            Assert.Equal(scalar, vector);
            Assert.All(vector, y => Assert.InRange(y, gamma1 - (1 << bits) + 1, gamma1));
        }
    }

    [Fact]
    public void InverseOfForward_IsTheIdentityUpToTheMontgomeryFactor()
    {
        var random = new Random(7);
        var input = Enumerable.Range(0, 256).Select(_ => random.Next(0, ModQ.Q)).ToArray();
        var roundTrip = input.ToArray();

        Ntt.Forward(roundTrip);
        for (var i = 0; i < roundTrip.Length; i++)
        {
            roundTrip[i] = ModQ.Reduce32(roundTrip[i]);
        }

        Ntt.InverseToMontgomery(roundTrip);

        // The inverse leaves a factor 2^32; one Montgomery reduction of each coefficient removes it.
        var back = roundTrip.Select(c => ModQ.AddQIfNegative(ModQ.Reduce32(ModQ.MontgomeryReduce(c)))).ToArray();
        Assert.Equal(input, back);
    }
}
