using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace CrossShard.Crypto.Lattice;

/// <summary>ML-DSA.Sign (FIPS 204 Algorithms 2 and 7) over a precomputed <see cref="MlDsaSigningKey"/>.</summary>
/// <remarks>
/// The order of operations and of the modular reductions is that of the FIPS 204 reference implementation
/// (checks in the order z, r0, ct0, hint count), so deterministic signatures match other conforming
/// implementations byte for byte. The only secret-dependent branches are the rejection decisions, which FIPS 204
/// allows to leak.
/// </remarks>
internal static class MlDsaSignEngine
{
    private const int N = MlDsaParameterSet.N;

    /// <summary>Pure ML-DSA.Sign: frames <paramref name="message"/> with <paramref name="context"/> (M′ = 0 ‖ |ctx| ‖ ctx ‖ M) and signs.</summary>
    public static byte[] Sign(MlDsaSigningKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, ReadOnlySpan<byte> rnd)
    {
        if (context.Length > 255)
        {
            throw new ArgumentException("An ML-DSA context is at most 255 bytes.", nameof(context));
        }

        Span<byte> mu = stackalloc byte[64];
        MessageRepresentative.Compute(key.PublicKeyHash, context, message, mu);

        return SignMu(key, mu, rnd);
    }

    /// <summary>ML-DSA.Sign_internal from μ onwards (Algorithm 7, lines 6–32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] SignMu(MlDsaSigningKey key, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd)
    {
        var p = key.Parameters;
        int k = p.K, l = p.L;

        Span<byte> rhoPrimePrime = stackalloc byte[64];
        Span<byte> seedInput = stackalloc byte[32 + 32 + 64];
        key.Key.CopyTo(seedInput);
        rnd.CopyTo(seedInput[32..]);
        mu.CopyTo(seedInput[64..]);
        Shake256.HashData(seedInput, rhoPrimePrime);
        CryptographicOperations.ZeroMemory(seedInput);

        // Pooled: a node signs hundreds of times a second, and 40 KB a signature was most of what signing allocated.
        var work = ArrayPool<int>.Shared.Rent(((3 * l) + (4 * k) + 1) * N);
        var y = work.AsSpan(0, l * N);
        var z = work.AsSpan(l * N, l * N);
        var yHat = work.AsSpan(2 * l * N, l * N);
        var w1 = work.AsSpan(3 * l * N, k * N);
        var w0 = work.AsSpan((3 * l * N) + (k * N), k * N);
        var scratch = work.AsSpan((3 * l * N) + (2 * k * N), k * N);
        var hint = work.AsSpan((3 * l * N) + (3 * k * N), k * N);
        var challenge = work.AsSpan((3 * l * N) + (4 * k * N), N);

        Span<byte> muAndW1 = stackalloc byte[64 + (k * p.W1PolyBytes)];
        mu.CopyTo(muAndW1);
        var signature = new byte[p.SignatureBytes];
        var cTilde = signature.AsSpan(0, p.CTildeBytes);

        try
        {
            for (var kappa = 0; ; kappa += l)
            {
                if (kappa > ushort.MaxValue)
                {
                    // 13,000 rejected rounds: not reachable with a well-formed key (expected rounds are 4–5).
                    throw new CryptographicException("ML-DSA signing did not terminate; the private key is malformed.");
                }

                Sampling.ExpandMask(rhoPrimePrime, kappa, p, y);

                // w = A·y, its high bits w1 hashed with μ into the commitment c̃.
                y.CopyTo(yHat);
                for (var i = 0; i < l; i++)
                {
                    Ntt.Forward(yHat.Slice(i * N, N));
                }

                PolyOps.MatrixTimesVector(key.Matrix, yHat, k, l, scratch);
                PolyOps.Reduce(scratch);
                for (var row = 0; row < k; row++)
                {
                    Ntt.InverseToMontgomery(scratch.Slice(row * N, N));
                }

                PolyOps.AddQIfNegative(scratch);
                PolyOps.Decompose(scratch, p.Gamma2, w1, w0);
                for (var row = 0; row < k; row++)
                {
                    BitPacking.Pack(w1.Slice(row * N, N), p.W1Bits, muAndW1.Slice(64 + (row * p.W1PolyBytes), p.W1PolyBytes));
                }

                Shake256.HashData(muAndW1, cTilde);
                Sampling.SampleInBall(cTilde, p.Tau, challenge);
                Ntt.Forward(challenge);

                // z = y + c·s1
                MultiplyByChallenge(challenge, key.S1Hat, z);
                PolyOps.Add(z, y);
                PolyOps.Reduce(z);
                if (PolyOps.NormAtLeast(z, p.Gamma1 - p.Beta))
                {
                    continue;
                }

                // r0 = w0 − c·s2
                MultiplyByChallenge(challenge, key.S2Hat, scratch);
                PolyOps.Subtract(w0, scratch);
                PolyOps.Reduce(w0);
                if (PolyOps.NormAtLeast(w0, p.Gamma2 - p.Beta))
                {
                    continue;
                }

                // c·t0 and the hints
                MultiplyByChallenge(challenge, key.T0Hat, scratch);
                PolyOps.Reduce(scratch);
                if (PolyOps.NormAtLeast(scratch, p.Gamma2))
                {
                    continue;
                }

                PolyOps.Add(w0, scratch);
                if (PolyOps.MakeHint(w0, w1, p.Gamma2, hint) > p.Omega)
                {
                    continue;
                }

                EncodeSignature(p, z, hint, signature);
                return signature;
            }
        }
        finally
        {
            // y, z and the rest are derived from the secret: wiped before the array goes back to the pool.
            Array.Clear(work);
            ArrayPool<int>.Shared.Return(work);
            CryptographicOperations.ZeroMemory(rhoPrimePrime);
        }
    }

    /// <summary>destination = NTT^−1(ĉ ∘ v̂) for every polynomial of <paramref name="vectorHat"/>.</summary>
    private static void MultiplyByChallenge(ReadOnlySpan<int> challengeHat, ReadOnlySpan<int> vectorHat, Span<int> destination)
    {
        for (var i = 0; i < vectorHat.Length / N; i++)
        {
            var poly = destination.Slice(i * N, N);
            PolyOps.PointwiseMontgomery(challengeHat, vectorHat.Slice(i * N, N), poly);
            Ntt.InverseToMontgomery(poly);
        }
    }

    /// <summary>sigEncode (Algorithm 26) after c̃, which is already in place: z as γ1 − z, then HintBitPack.</summary>
    private static void EncodeSignature(MlDsaParameterSet p, ReadOnlySpan<int> z, ReadOnlySpan<int> hint, Span<byte> signature)
    {
        Span<int> shifted = stackalloc int[N];
        var offset = p.CTildeBytes;
        for (var i = 0; i < p.L; i++)
        {
            var poly = z.Slice(i * N, N);
            for (var j = 0; j < N; j++)
            {
                shifted[j] = p.Gamma1 - poly[j];
            }

            BitPacking.Pack(shifted, p.ZBits, signature.Slice(offset, p.ZPolyBytes));
            offset += p.ZPolyBytes;
        }

        var hints = signature.Slice(offset, p.Omega + p.K);
        hints.Clear();
        var index = 0;
        for (var i = 0; i < p.K; i++)
        {
            for (var j = 0; j < N; j++)
            {
                if (hint[(i * N) + j] != 0)
                {
                    hints[index++] = (byte)j;
                }
            }

            hints[p.Omega + i] = (byte)index;
        }
    }
}
