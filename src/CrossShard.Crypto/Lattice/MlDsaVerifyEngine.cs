using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace CrossShard.Crypto.Lattice;

/// <summary>ML-DSA.Verify (FIPS 204 Algorithms 3 and 8) over a precomputed <see cref="MlDsaVerifyingKey"/>.</summary>
/// <remarks>
/// Decoding is strict as FIPS 204 requires for strong unforgeability: hint indices strictly increasing within a
/// polynomial, counts non-decreasing and at most ω, unused index bytes zero. Any malformed signature is invalid.
/// </remarks>
internal static class MlDsaVerifyEngine
{
    private const int N = MlDsaParameterSet.N;

    /// <summary>Pure ML-DSA.Verify of <paramref name="signature"/> over <paramref name="message"/> under <paramref name="context"/>.</summary>
    public static bool Verify(MlDsaVerifyingKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, ReadOnlySpan<byte> signature)
    {
        if (context.Length > 255)
        {
            return false;
        }

        Span<byte> mu = stackalloc byte[64];
        MessageRepresentative.Compute(key.PublicKeyHash, context, message, mu);
        return VerifyMu(key, mu, signature);
    }

    /// <summary>ML-DSA.Verify_internal from μ onwards (Algorithm 8, lines 6–13).</summary>
    public static bool VerifyMu(MlDsaVerifyingKey key, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> signature)
    {
        var p = key.Parameters;
        if (signature.Length != p.SignatureBytes)
        {
            return false;
        }

        var work = ArrayPool<int>.Shared.Rent(((p.L + (3 * p.K)) * N) + N);
        try
        {
            return Verify(key, mu, signature, work);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(work);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Verify(MlDsaVerifyingKey key, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> signature, int[] work)
    {
        var p = key.Parameters;
        int k = p.K, l = p.L;
        var z = work.AsSpan(0, l * N);
        var w = work.AsSpan(l * N, k * N);
        var ct1 = work.AsSpan((l + k) * N, k * N);
        var hint = work.AsSpan((l + (2 * k)) * N, k * N);
        var challenge = work.AsSpan((l + (3 * k)) * N, N);

        var cTilde = signature[..p.CTildeBytes];
        if (!DecodeHint(p, signature[(p.CTildeBytes + (l * p.ZPolyBytes))..], hint))
        {
            return false;
        }

        for (var i = 0; i < l; i++)
        {
            var poly = z.Slice(i * N, N);
            BitPacking.Unpack(signature.Slice(p.CTildeBytes + (i * p.ZPolyBytes), p.ZPolyBytes), p.ZBits, poly);
            for (var j = 0; j < N; j++)
            {
                poly[j] = p.Gamma1 - poly[j];
            }
        }

        if (PolyOps.NormAtLeast(z, p.Gamma1 - p.Beta))
        {
            return false;
        }

        // w′approx = NTT^−1(Â ∘ NTT(z) − NTT(c) ∘ NTT(t1·2^d))
        Sampling.SampleInBall(cTilde, p.Tau, challenge);
        Ntt.Forward(challenge);
        for (var i = 0; i < l; i++)
        {
            Ntt.Forward(z.Slice(i * N, N));
        }

        PolyOps.MatrixTimesVector(key.Matrix, z, k, l, w);
        for (var row = 0; row < k; row++)
        {
            PolyOps.PointwiseMontgomery(challenge, key.T1Hat.AsSpan(row * N, N), ct1.Slice(row * N, N));
        }

        PolyOps.Subtract(w, ct1);
        PolyOps.Reduce(w);
        for (var row = 0; row < k; row++)
        {
            Ntt.InverseToMontgomery(w.Slice(row * N, N));
        }

        PolyOps.AddQIfNegative(w);
        PolyOps.UseHint(w, hint, p.Gamma2, ct1);

        Span<byte> muAndW1 = stackalloc byte[64 + (k * p.W1PolyBytes)];
        mu.CopyTo(muAndW1);
        for (var row = 0; row < k; row++)
        {
            BitPacking.Pack(ct1.Slice(row * N, N), p.W1Bits, muAndW1.Slice(64 + (row * p.W1PolyBytes), p.W1PolyBytes));
        }

        Span<byte> expected = stackalloc byte[p.CTildeBytes];
        Shake256.HashData(muAndW1, expected);
        return CryptographicOperations.FixedTimeEquals(expected, cTilde);
    }

    /// <summary>HintBitUnpack (Algorithm 21) with its malformation checks; false when malformed.</summary>
    private static bool DecodeHint(MlDsaParameterSet p, ReadOnlySpan<byte> encoded, Span<int> hint)
    {
        hint.Clear();
        var index = 0;
        for (var i = 0; i < p.K; i++)
        {
            int end = encoded[p.Omega + i];
            if (end < index || end > p.Omega)
            {
                return false;
            }

            for (var j = index; j < end; j++)
            {
                if (j > index && encoded[j] <= encoded[j - 1])
                {
                    return false;
                }

                hint[(i * N) + encoded[j]] = 1;
            }

            index = end;
        }

        for (var j = index; j < p.Omega; j++)
        {
            if (encoded[j] != 0)
            {
                return false;
            }
        }

        return true;
    }
}
