using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossShard.Crypto.Lattice;

/// <summary>The number-theoretic transform of FIPS 204 (Algorithms 41 and 42) over one polynomial, in place.</summary>
/// <remarks>
/// Twiddle factors are kept in Montgomery form, so the forward transform maps standard coefficients to the NTT
/// domain without a Montgomery factor, and <see cref="InverseToMontgomery(Span{int})"/> multiplies by 2^32 on the way back,
/// cancelling the 2^−32 a pointwise Montgomery product leaves. Neither transform reduces after additions: the
/// forward output grows by up to 16q over its input, the inverse needs |input| &lt; q and keeps |output| &lt; q.
/// </remarks>
internal static class Ntt
{
    /// <summary>ζ = 1753, the 512th root of unity mod q that FIPS 204 fixes.</summary>
    private const int Zeta = 1753;

    /// <summary>2^64 / 256 mod q in Montgomery terms: scales the inverse by 1/256 and into Montgomery form.</summary>
    private const int InverseScale = 41978;

    /// <summary>zetas[i] = 2^32 · ζ^brv8(i) mod q, centred; index 0 is unused.</summary>
    private static readonly int[] Zetas = ComputeZetas();

    /// <summary>The twiddle table, exposed for the known-answer test.</summary>
    internal static ReadOnlySpan<int> TwiddleFactors => Zetas;

    /// <summary>Forward transform of 256 coefficients.</summary>
    public static void Forward(Span<int> a) => Forward(a, Montgomery8.IsSupported);

    /// <summary>Inverse transform of 256 coefficients, leaving the result multiplied by 2^32 (Montgomery form).</summary>
    public static void InverseToMontgomery(Span<int> a) => InverseToMontgomery(a, Montgomery8.IsSupported);

    /// <summary>The forward transform, with the AVX2 path or without it (the latter kept for other CPUs and tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward(Span<int> a, bool vectorized)
    {
        a = a[..MlDsaParameterSet.N];
        unchecked
        {
            var k = 0;
            for (var len = 128; len > 0; len >>= 1)
            {
                if (vectorized && len < 8)
                {
                    SmallLayers8.Forward(a);
                    return;
                }

                for (var start = 0; start < MlDsaParameterSet.N; start += 2 * len)
                {
                    long zeta = Zetas[++k];
                    var low = a.Slice(start, len);
                    var high = a.Slice(start + len, len);
                    if (vectorized)
                    {
                        ForwardButterflies8(low, high, (int)zeta);
                        continue;
                    }

                    for (var j = 0; j < low.Length; j++)
                    {
                        var t = ModQ.MontgomeryReduce(zeta * high[j]);
                        high[j] = low[j] - t;
                        low[j] += t;
                    }
                }
            }
        }
    }

    /// <summary>The inverse transform, with the AVX2 path or without it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void InverseToMontgomery(Span<int> a, bool vectorized)
    {
        a = a[..MlDsaParameterSet.N];
        unchecked
        {
            var k = MlDsaParameterSet.N;
            var len = 1;
            if (vectorized)
            {
                SmallLayers8.Inverse(a);
                k = 32;
                len = 8;
            }

            for (; len < MlDsaParameterSet.N; len <<= 1)
            {
                for (var start = 0; start < MlDsaParameterSet.N; start += 2 * len)
                {
                    long zeta = -Zetas[--k];
                    var low = a.Slice(start, len);
                    var high = a.Slice(start + len, len);
                    if (vectorized)
                    {
                        InverseButterflies8(low, high, (int)zeta);
                        continue;
                    }

                    for (var j = 0; j < low.Length; j++)
                    {
                        var t = low[j];
                        low[j] = t + high[j];
                        high[j] = ModQ.MontgomeryReduce(zeta * (t - high[j]));
                    }
                }
            }

            if (vectorized)
            {
                ScaleToMontgomery8(a);
                return;
            }

            for (var j = 0; j < a.Length; j++)
            {
                a[j] = ModQ.MontgomeryReduce((long)InverseScale * a[j]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardButterflies8(Span<int> low, Span<int> high, int zeta)
    {
        var z = Vector256.Create(zeta);
        var zQInverse = Vector256.Create(unchecked(zeta * ModQ.QInverse));
        ref var lowRef = ref MemoryMarshal.GetReference(low);
        ref var highRef = ref MemoryMarshal.GetReference(high);
        for (nuint j = 0; j < (nuint)low.Length; j += 8)
        {
            var l = Vector256.LoadUnsafe(ref lowRef, j);
            var t = Montgomery8.Multiply(Vector256.LoadUnsafe(ref highRef, j), z, zQInverse);
            Avx2.Subtract(l, t).StoreUnsafe(ref highRef, j);
            Avx2.Add(l, t).StoreUnsafe(ref lowRef, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InverseButterflies8(Span<int> low, Span<int> high, int zeta)
    {
        var z = Vector256.Create(zeta);
        var zQInverse = Vector256.Create(unchecked(zeta * ModQ.QInverse));
        ref var lowRef = ref MemoryMarshal.GetReference(low);
        ref var highRef = ref MemoryMarshal.GetReference(high);
        for (nuint j = 0; j < (nuint)low.Length; j += 8)
        {
            var l = Vector256.LoadUnsafe(ref lowRef, j);
            var h = Vector256.LoadUnsafe(ref highRef, j);
            Avx2.Add(l, h).StoreUnsafe(ref lowRef, j);
            Montgomery8.Multiply(Avx2.Subtract(l, h), z, zQInverse).StoreUnsafe(ref highRef, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleToMontgomery8(Span<int> a)
    {
        var f = Vector256.Create(InverseScale);
        var fQInverse = Vector256.Create(unchecked(InverseScale * ModQ.QInverse));
        ref var aRef = ref MemoryMarshal.GetReference(a);
        for (nuint j = 0; j < (nuint)a.Length; j += 8)
        {
            Montgomery8.Multiply(Vector256.LoadUnsafe(ref aRef, j), f, fQInverse).StoreUnsafe(ref aRef, j);
        }
    }

    private static int[] ComputeZetas()
    {
        var zetas = new int[MlDsaParameterSet.N];
        const long montgomery = (1L << 32) % ModQ.Q;
        for (var i = 1; i < zetas.Length; i++)
        {
            var power = BitReverse8(i);
            long value = 1;
            for (var e = 0; e < power; e++)
            {
                value = value * Zeta % ModQ.Q;
            }

            value = value * montgomery % ModQ.Q;
            zetas[i] = (int)(value > ModQ.Q / 2 ? value - ModQ.Q : value);
        }

        return zetas;
    }

    private static int BitReverse8(int value)
    {
        var result = 0;
        for (var bit = 0; bit < 8; bit++)
        {
            result |= ((value >> bit) & 1) << (7 - bit);
        }

        return result;
    }
}
