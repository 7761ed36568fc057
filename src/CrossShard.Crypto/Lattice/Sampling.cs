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
    // The first five SHAKE128 blocks of an Â entry: 280 candidates for 256 coefficients; each is rejected with
    // probability ~2^-10, so a prefix that runs out (more than 24 rejected) practically never happens.
    private const int MatrixStreamBytes = 5 * ShakeX4.Shake128Rate;

    /// <summary>ExpandA (Algorithm 32): the k×ℓ matrix Â, already in the NTT domain, row-major, 256 coefficients each.</summary>
    /// <remarks>Each entry's SHAKE128 stream is independent of the others: with AVX2 they are drawn four at a time.</remarks>
    public static void ExpandA(ReadOnlySpan<byte> rho, MlDsaParameterSet parameters, Span<int> matrix) =>
        ExpandA(rho, parameters, matrix, ShakeX4.IsSupported);

    /// <summary>ExpandA with the four-way streams on or off (tests compare the two).</summary>
    internal static void ExpandA(ReadOnlySpan<byte> rho, MlDsaParameterSet parameters, Span<int> matrix, bool fourWay)
    {
        const int Ways = 4;
        const int SeedBytes = 34;
        var entries = parameters.K * parameters.L;
        Span<byte> seeds = stackalloc byte[Ways * SeedBytes];
        var streams = new byte[Ways * MatrixStreamBytes];
        for (var first = 0; first < entries; first += fourWay ? Ways : 1)
        {
            var group = fourWay ? Math.Min(Ways, entries - first) : 1;
            for (var way = 0; way < group; way++)
            {
                // ρ ‖ column ‖ row (Algorithm 32, step 4).
                var seed = seeds.Slice(way * SeedBytes, SeedBytes);
                rho[..32].CopyTo(seed);
                seed[32] = (byte)((first + way) % parameters.L);
                seed[33] = (byte)((first + way) / parameters.L);
            }

            if (fourWay)
            {
                HashFourWay(ShakeX4.Shake128Rate, seeds, SeedBytes, group, streams, MatrixStreamBytes);
            }
            else
            {
                Shake128.HashData(seeds[..SeedBytes], streams.AsSpan(0, MatrixStreamBytes));
            }

            for (var way = 0; way < group; way++)
            {
                var poly = matrix.Slice((first + way) * MlDsaParameterSet.N, MlDsaParameterSet.N);
                if (!TryRejectionSampleNttPoly(streams.AsSpan(way * MatrixStreamBytes, MatrixStreamBytes), poly))
                {
                    RejectionSampleNttPoly(seeds.Slice(way * SeedBytes, SeedBytes), poly);
                }
            }
        }
    }

    /// <summary>
    /// ExpandMask (Algorithm 34): polynomials with coefficients in (−γ1, γ1] from the SHAKE256 streams of counters
    /// κ, κ+1, …, one per 256 coefficients of <paramref name="y"/>: ℓ of them give one y; 2ℓ give the masks of two
    /// consecutive signing attempts (κ and κ+ℓ).
    /// </summary>
    /// <remarks>
    /// The streams are independent: where the machine has AVX2 they run four at a time (<see cref="ShakeX4"/>; a last
    /// group of fewer than four repeats its streams in the spare lanes, which costs no more than one stream alone).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpandMask(ReadOnlySpan<byte> rhoPrimePrime, int kappa, MlDsaParameterSet parameters, Span<int> y) =>
        ExpandMask(rhoPrimePrime, kappa, parameters, y, ShakeX4.IsSupported);

    /// <summary>ExpandMask with the four-way streams on or off (tests compare the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ExpandMask(ReadOnlySpan<byte> rhoPrimePrime, int kappa, MlDsaParameterSet parameters, Span<int> y, bool fourWay)
    {
        const int Ways = 4;
        const int SeedBytes = 66;
        if (y.Length == 0 || y.Length % MlDsaParameterSet.N != 0)
        {
            throw new ArgumentException("the mask is a whole number of polynomials", nameof(y));
        }

        var polynomials = y.Length / MlDsaParameterSet.N;
        var streamBytes = parameters.ZPolyBytes;
        Span<byte> seeds = stackalloc byte[Ways * SeedBytes];
        Span<byte> streams = stackalloc byte[Ways * streamBytes];
        for (var r = 0; r < polynomials; r += fourWay ? Ways : 1)
        {
            var group = fourWay ? Math.Min(Ways, polynomials - r) : 1;
            for (var way = 0; way < group; way++)
            {
                MaskSeed(rhoPrimePrime, kappa + r + way, seeds.Slice(way * SeedBytes, SeedBytes));
            }

            if (fourWay)
            {
                HashFourWay(ShakeX4.Shake256Rate, seeds, SeedBytes, group, streams, streamBytes);
            }
            else
            {
                Shake256.HashData(seeds[..SeedBytes], streams[..streamBytes]);
            }

            for (var way = 0; way < group; way++)
            {
                UnpackMask(streams.Slice(way * streamBytes, streamBytes), parameters, y.Slice((r + way) * MlDsaParameterSet.N, MlDsaParameterSet.N));
            }
        }

        // The streams are y itself in packed form, and the seeds hold ρ'': secret.
        CryptographicOperations.ZeroMemory(streams);
        CryptographicOperations.ZeroMemory(seeds);
    }

    // The streams of `group` (1–4) seeds laid out one after another, into equally spaced streams; the spare lanes of a
    // short group repeat its first seed, which costs no more than leaving them empty.
    private static void HashFourWay(int rate, ReadOnlySpan<byte> seeds, int seedBytes, int group, Span<byte> streams, int streamBytes)
    {
        int Lane(int way) => (way < group ? way : 0) * seedBytes;
        ShakeX4.HashData(
            rate,
            seeds.Slice(Lane(0), seedBytes),
            seeds.Slice(Lane(1), seedBytes),
            seeds.Slice(Lane(2), seedBytes),
            seeds.Slice(Lane(3), seedBytes),
            streams[..streamBytes],
            streams.Slice(streamBytes, streamBytes),
            streams.Slice(2 * streamBytes, streamBytes),
            streams.Slice(3 * streamBytes, streamBytes));
    }

    // ρ'' followed by the 16-bit counter, little-endian (Algorithm 34, step 3).
    private static void MaskSeed(ReadOnlySpan<byte> rhoPrimePrime, int counter, Span<byte> seed)
    {
        rhoPrimePrime[..64].CopyTo(seed);
        BinaryPrimitives.WriteUInt16LittleEndian(seed[64..], unchecked((ushort)counter));
    }

    private static void UnpackMask(ReadOnlySpan<byte> stream, MlDsaParameterSet parameters, Span<int> poly) =>
        MaskUnpacking.Unpack(stream, parameters.ZBits, parameters.Gamma1, poly);

    /// <summary>SampleInBall (Algorithm 29): the challenge c with τ coefficients ±1 and the rest 0.</summary>
    public static void SampleInBall(ReadOnlySpan<byte> cTilde, int tau, Span<int> c)
    {
        Span<byte> firstBlock = stackalloc byte[ShakeX4.Shake256Rate];
        Shake256.HashData(cTilde, firstBlock);
        if (TrySampleInBall(firstBlock, tau, c))
        {
            return;
        }

        for (var length = 2 * ShakeX4.Shake256Rate; ; length *= 2)
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

    // RejNTTPoly (Algorithm 30) over a given stream prefix; false when the prefix runs out first.
    private static bool TryRejectionSampleNttPoly(ReadOnlySpan<byte> stream, Span<int> poly)
    {
        var count = 0;
        for (var position = 0; position + 3 <= stream.Length && count < MlDsaParameterSet.N; position += 3)
        {
            var candidate = stream[position] | (stream[position + 1] << 8) | ((stream[position + 2] & 0x7F) << 16);
            if (candidate < ModQ.Q)
            {
                poly[count++] = candidate;
            }
        }

        return count == MlDsaParameterSet.N;
    }

    // RejNTTPoly with ever longer prefixes of the stream until one suffices.
    private static void RejectionSampleNttPoly(ReadOnlySpan<byte> seed, Span<int> poly)
    {
        for (var length = 2 * MatrixStreamBytes; ; length *= 2)
        {
            var stream = new byte[length];
            Shake128.HashData(seed, stream);
            if (TryRejectionSampleNttPoly(stream, poly))
            {
                return;
            }
        }
    }
}
