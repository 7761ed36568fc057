using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Lattice;

/// <summary>The FIPS 204 samplers that turn seeds into polynomials: ExpandA, ExpandMask and SampleInBall.</summary>
/// <remarks>
/// SHAKE output is read as one fixed-length prefix; where rejection sampling runs out of it (rare) the prefix is
/// recomputed longer, which yields the same stream because an XOF's shorter output is a prefix of its longer one.
/// </remarks>
internal static class Sampling
{
    private const int Shake128Rate = 168;
    private const int Shake256Rate = 136;

    /// <summary>ExpandA (Algorithm 32): the k×ℓ matrix Â, already in the NTT domain, row-major, 256 coefficients each.</summary>
    public static void ExpandA(ReadOnlySpan<byte> rho, MlDsaParameterSet parameters, Span<int> matrix)
    {
        Span<byte> seed = stackalloc byte[34];
        rho.CopyTo(seed);
        for (var row = 0; row < parameters.K; row++)
        {
            for (var column = 0; column < parameters.L; column++)
            {
                seed[32] = (byte)column;
                seed[33] = (byte)row;
                RejectionSampleNttPoly(seed, matrix.Slice(((row * parameters.L) + column) * MlDsaParameterSet.N, MlDsaParameterSet.N));
            }
        }
    }

    /// <summary>ExpandMask (Algorithm 34): the ℓ polynomials of y with coefficients in (−γ1, γ1], for counter κ.</summary>
    /// <remarks>
    /// The ℓ SHAKE256 streams are independent: where the machine has AVX2 they run four at a time
    /// (<see cref="ShakeX4"/>), which is most of what signing saves on them; the rest run one by one.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpandMask(ReadOnlySpan<byte> rhoPrimePrime, int kappa, MlDsaParameterSet parameters, Span<int> y) =>
        ExpandMask(rhoPrimePrime, kappa, parameters, y, ShakeX4.IsSupported);

    /// <summary>ExpandMask with the four-way streams on or off (tests compare the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ExpandMask(ReadOnlySpan<byte> rhoPrimePrime, int kappa, MlDsaParameterSet parameters, Span<int> y, bool fourWay)
    {
        const int Ways = 4;
        var streamBytes = parameters.ZPolyBytes;
        Span<byte> seeds = stackalloc byte[Ways * 66];
        Span<byte> streams = stackalloc byte[Ways * streamBytes];
        var r = 0;
        if (fourWay)
        {
            for (; r + Ways <= parameters.L; r += Ways)
            {
                for (var way = 0; way < Ways; way++)
                {
                    MaskSeed(rhoPrimePrime, kappa + r + way, seeds.Slice(way * 66, 66));
                }

                ShakeX4.HashData(
                    ShakeX4.Shake256Rate,
                    seeds[..66],
                    seeds.Slice(66, 66),
                    seeds.Slice(132, 66),
                    seeds.Slice(198, 66),
                    streams[..streamBytes],
                    streams.Slice(streamBytes, streamBytes),
                    streams.Slice(2 * streamBytes, streamBytes),
                    streams.Slice(3 * streamBytes, streamBytes));
                for (var way = 0; way < Ways; way++)
                {
                    UnpackMask(streams.Slice(way * streamBytes, streamBytes), parameters, y.Slice((r + way) * MlDsaParameterSet.N, MlDsaParameterSet.N));
                }
            }
        }

        for (; r < parameters.L; r++)
        {
            var seed = seeds[..66];
            MaskSeed(rhoPrimePrime, kappa + r, seed);
            Shake256.HashData(seed, streams[..streamBytes]);
            UnpackMask(streams[..streamBytes], parameters, y.Slice(r * MlDsaParameterSet.N, MlDsaParameterSet.N));
        }

        // The streams are y itself in packed form: secret.
        CryptographicOperations.ZeroMemory(streams);
        CryptographicOperations.ZeroMemory(seeds);
    }

    // ρ'' followed by the 16-bit counter, little-endian (Algorithm 34, step 3).
    private static void MaskSeed(ReadOnlySpan<byte> rhoPrimePrime, int counter, Span<byte> seed)
    {
        rhoPrimePrime[..64].CopyTo(seed);
        BinaryPrimitives.WriteUInt16LittleEndian(seed[64..], unchecked((ushort)counter));
    }

    private static void UnpackMask(ReadOnlySpan<byte> stream, MlDsaParameterSet parameters, Span<int> poly)
    {
        BitPacking.Unpack(stream, parameters.ZBits, poly);
        for (var i = 0; i < poly.Length; i++)
        {
            poly[i] = parameters.Gamma1 - poly[i];
        }
    }

    /// <summary>SampleInBall (Algorithm 29): the challenge c with τ coefficients ±1 and the rest 0.</summary>
    public static void SampleInBall(ReadOnlySpan<byte> cTilde, int tau, Span<int> c)
    {
        Span<byte> firstBlock = stackalloc byte[Shake256Rate];
        Shake256.HashData(cTilde, firstBlock);
        if (TrySampleInBall(firstBlock, tau, c))
        {
            return;
        }

        for (var length = 2 * Shake256Rate; ; length *= 2)
        {
            var stream = new byte[length];
            Shake256.HashData(cTilde, stream);
            if (TrySampleInBall(stream, tau, c))
            {
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySampleInBall(ReadOnlySpan<byte> stream, int tau, Span<int> c)
    {
        c[..MlDsaParameterSet.N].Clear();
        var signs = BinaryPrimitives.ReadUInt64LittleEndian(stream);
        var position = 8;
        for (var i = MlDsaParameterSet.N - tau; i < MlDsaParameterSet.N; i++)
        {
            int j;
            do
            {
                if (position >= stream.Length)
                {
                    return false;
                }

                j = stream[position++];
            }
            while (j > i);

            c[i] = c[j];
            c[j] = 1 - (2 * (int)(signs & 1));
            signs >>= 1;
        }

        return true;
    }

    private static void RejectionSampleNttPoly(ReadOnlySpan<byte> seed, Span<int> poly)
    {
        var length = 5 * Shake128Rate;
        while (true)
        {
            var stream = new byte[length];
            Shake128.HashData(seed, stream);
            var count = 0;
            for (var position = 0; position + 3 <= stream.Length && count < MlDsaParameterSet.N; position += 3)
            {
                var candidate = stream[position] | (stream[position + 1] << 8) | ((stream[position + 2] & 0x7F) << 16);
                if (candidate < ModQ.Q)
                {
                    poly[count++] = candidate;
                }
            }

            if (count == MlDsaParameterSet.N)
            {
                return;
            }

            length *= 2;
        }
    }
}
