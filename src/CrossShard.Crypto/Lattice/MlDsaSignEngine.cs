using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CrossShard.Crypto.Hashing;

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

    // Signing attempts computed together per pass of the rejection loop.
    private const int Attempts = 2;

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
        var work = ArrayPool<int>.Shared.Rent(((Attempts * l) + (2 * l) + (2 * Attempts * k) + (2 * k) + 1) * N);
        var y = work.AsSpan(0, Attempts * l * N);
        var yHat = work.AsSpan(Attempts * l * N, l * N);
        var z = work.AsSpan((Attempts + 1) * l * N, l * N);
        var w1 = work.AsSpan((Attempts + 2) * l * N, Attempts * k * N);
        var w0 = work.AsSpan(((Attempts + 2) * l * N) + (Attempts * k * N), Attempts * k * N);
        var scratch = work.AsSpan(((Attempts + 2) * l * N) + (2 * Attempts * k * N), k * N);
        var hint = work.AsSpan(((Attempts + 2) * l * N) + (((2 * Attempts) + 1) * k * N), k * N);
        var challenge = work.AsSpan(((Attempts + 2) * l * N) + (((2 * Attempts) + 2) * k * N), N);

        var commitmentBytes = 64 + (k * p.W1PolyBytes);
        Span<byte> muAndW1 = stackalloc byte[Attempts * commitmentBytes];
        Span<byte> cTildes = stackalloc byte[Attempts * p.CTildeBytes];
        var signature = new byte[p.SignatureBytes];

        try
        {
            // Two attempts (κ and κ+ℓ) per pass: their masks and commitments share four-way SHAKE, and they are tried
            // in order, so the signature is the one the one-at-a-time loop of Algorithm 7 gives. When the first is
            // accepted (about one pass in five) the second's commitment was computed for nothing.
            for (var kappa = 0; ; kappa += Attempts * l)
            {
                if (kappa > ushort.MaxValue)
                {
                    // 13,000 rejected rounds: not reachable with a well-formed key (expected rounds are 4–5).
                    throw new CryptographicException("ML-DSA signing did not terminate; the private key is malformed.");
                }

                Sampling.ExpandMask(rhoPrimePrime, kappa, p, y);
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var commitment = muAndW1.Slice(attempt * commitmentBytes, commitmentBytes);
                    mu.CopyTo(commitment);
                    Commit(key, y.Slice(attempt * l * N, l * N), yHat, scratch, w1.Slice(attempt * k * N, k * N), w0.Slice(attempt * k * N, k * N), commitment[64..]);
                }

                HashCommitments(muAndW1, commitmentBytes, cTildes, p.CTildeBytes);
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var cTilde = cTildes.Slice(attempt * p.CTildeBytes, p.CTildeBytes);
                    if (TryRespond(key, cTilde, y.Slice(attempt * l * N, l * N), w1.Slice(attempt * k * N, k * N), w0.Slice(attempt * k * N, k * N), z, scratch, hint, challenge))
                    {
                        cTilde.CopyTo(signature);
                        EncodeSignature(p, z, hint, signature);
                        return signature;
                    }
                }
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

    // w = A·y; its high bits w1 packed into the commitment input, its low bits kept in w0 for the response.
    private static void Commit(MlDsaSigningKey key, ReadOnlySpan<int> y, Span<int> yHat, Span<int> scratch, Span<int> w1, Span<int> w0, Span<byte> packedW1)
    {
        var p = key.Parameters;
        y.CopyTo(yHat);
        for (var i = 0; i < p.L; i++)
        {
            Ntt.Forward(yHat.Slice(i * N, N));
        }

        PolyOps.MatrixTimesVector(key.Matrix, yHat, p.K, p.L, scratch);
        PolyOps.Reduce(scratch);
        for (var row = 0; row < p.K; row++)
        {
            Ntt.InverseToMontgomery(scratch.Slice(row * N, N));
        }

        PolyOps.AddQIfNegative(scratch);
        PolyOps.Decompose(scratch, p.Gamma2, w1, w0);
        for (var row = 0; row < p.K; row++)
        {
            BitPacking.Pack(w1.Slice(row * N, N), p.W1Bits, packedW1.Slice(row * p.W1PolyBytes, p.W1PolyBytes));
        }
    }

    // c̃ = H(μ ‖ w1Encode(w1)) of each attempt; two at once on the four-way SHAKE where the machine has it.
    private static void HashCommitments(ReadOnlySpan<byte> inputs, int inputBytes, Span<byte> cTildes, int cTildeBytes)
    {
        var first = inputs[..inputBytes];
        var second = inputs.Slice(inputBytes, inputBytes);
        if (!ShakeX4.IsSupported)
        {
            Shake256.HashData(first, cTildes[..cTildeBytes]);
            Shake256.HashData(second, cTildes.Slice(cTildeBytes, cTildeBytes));
            return;
        }

        Span<byte> spare = stackalloc byte[2 * cTildeBytes];
        ShakeX4.HashData(ShakeX4.Shake256Rate, first, second, first, second, cTildes[..cTildeBytes], cTildes.Slice(cTildeBytes, cTildeBytes), spare[..cTildeBytes], spare[cTildeBytes..]);
    }

    // The response to challenge c̃: z = y + c·s1 and the hints, or false when a norm check rejects the attempt.
    // On success z and hint hold the signature's parts; w0 is overwritten either way.
    private static bool TryRespond(MlDsaSigningKey key, ReadOnlySpan<byte> cTilde, ReadOnlySpan<int> y, ReadOnlySpan<int> w1, Span<int> w0, Span<int> z, Span<int> scratch, Span<int> hint, Span<int> challenge)
    {
        var p = key.Parameters;
        Sampling.SampleInBall(cTilde, p.Tau, challenge);
        Ntt.Forward(challenge);

        // z = y + c·s1
        MultiplyByChallenge(challenge, key.S1Hat, z);
        PolyOps.Add(z, y);
        PolyOps.Reduce(z);
        if (PolyOps.NormAtLeast(z, p.Gamma1 - p.Beta))
        {
            return false;
        }

        // r0 = w0 − c·s2
        MultiplyByChallenge(challenge, key.S2Hat, scratch);
        PolyOps.Subtract(w0, scratch);
        PolyOps.Reduce(w0);
        if (PolyOps.NormAtLeast(w0, p.Gamma2 - p.Beta))
        {
            return false;
        }

        // c·t0 and the hints
        MultiplyByChallenge(challenge, key.T0Hat, scratch);
        PolyOps.Reduce(scratch);
        if (PolyOps.NormAtLeast(scratch, p.Gamma2))
        {
            return false;
        }

        PolyOps.Add(w0, scratch);
        return PolyOps.MakeHint(w0, w1, p.Gamma2, hint) <= p.Omega;
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
