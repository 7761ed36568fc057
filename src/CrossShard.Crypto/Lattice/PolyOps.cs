using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossShard.Crypto.Lattice;

/// <summary>Coefficient-wise operations on polynomials and vectors of them (flat spans of 256·n coefficients).</summary>
/// <remarks>Each has an AVX2 path over eight coefficients at a time; lengths are multiples of 256.</remarks>
internal static class PolyOps
{
    /// <summary>destination[i] = a[i]·b[i]·2^−32 mod q, with |result| &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PointwiseMontgomery(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(destination.Length, a.Length, b.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            ref var dRef = ref MemoryMarshal.GetReference(destination);
            for (nuint i = 0; i < (nuint)destination.Length; i += 8)
            {
                Montgomery8.Multiply(Vector256.LoadUnsafe(ref aRef, i), Vector256.LoadUnsafe(ref bRef, i)).StoreUnsafe(ref dRef, i);
            }

            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = ModQ.MontgomeryReduce((long)a[i] * b[i]);
        }
    }

    /// <summary>accumulator[i] += a[i]·b[i]·2^−32 mod q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PointwiseMontgomeryAdd(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> accumulator)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(accumulator.Length, a.Length, b.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            ref var accRef = ref MemoryMarshal.GetReference(accumulator);
            for (nuint i = 0; i < (nuint)accumulator.Length; i += 8)
            {
                var product = Montgomery8.Multiply(Vector256.LoadUnsafe(ref aRef, i), Vector256.LoadUnsafe(ref bRef, i));
                Avx2.Add(Vector256.LoadUnsafe(ref accRef, i), product).StoreUnsafe(ref accRef, i);
            }

            return;
        }

        for (var i = 0; i < accumulator.Length; i++)
        {
            accumulator[i] = unchecked(accumulator[i] + ModQ.MontgomeryReduce((long)a[i] * b[i]));
        }
    }

    /// <summary>
    /// destination[row] = Σ_column matrix[row, column] ∘ vector[column], with Montgomery products: Â·v̂ for a row-major
    /// <paramref name="rows"/>×<paramref name="columns"/> matrix in the NTT domain (coefficients not reduced after the sum).
    /// </summary>
    public static void MatrixTimesVector(ReadOnlySpan<int> matrix, ReadOnlySpan<int> vector, int rows, int columns, Span<int> destination)
    {
        const int n = MlDsaParameterSet.N;
        for (var row = 0; row < rows; row++)
        {
            var result = destination.Slice(row * n, n);
            PointwiseMontgomery(matrix.Slice(row * columns * n, n), vector[..n], result);
            for (var column = 1; column < columns; column++)
            {
                PointwiseMontgomeryAdd(matrix.Slice(((row * columns) + column) * n, n), vector.Slice(column * n, n), result);
            }
        }
    }

    /// <summary>Reduces every coefficient to [−6283008, 6283008].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reduce(Span<int> a)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(a.Length, a.Length, a.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            for (nuint i = 0; i < (nuint)a.Length; i += 8)
            {
                Montgomery8.Reduce32(Vector256.LoadUnsafe(ref aRef, i)).StoreUnsafe(ref aRef, i);
            }

            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            a[i] = ModQ.Reduce32(a[i]);
        }
    }

    /// <summary>Maps every coefficient in (−q, q) to [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddQIfNegative(Span<int> a)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(a.Length, a.Length, a.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            var q = Montgomery8.Q;
            for (nuint i = 0; i < (nuint)a.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref aRef, i);
                Avx2.Add(v, Avx2.And(Avx2.ShiftRightArithmetic(v, 31), q)).StoreUnsafe(ref aRef, i);
            }

            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            a[i] = ModQ.AddQIfNegative(a[i]);
        }
    }

    /// <summary>a[i] += b[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(Span<int> a, ReadOnlySpan<int> b)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(a.Length, b.Length, b.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            for (nuint i = 0; i < (nuint)a.Length; i += 8)
            {
                Avx2.Add(Vector256.LoadUnsafe(ref aRef, i), Vector256.LoadUnsafe(ref bRef, i)).StoreUnsafe(ref aRef, i);
            }

            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            a[i] = unchecked(a[i] + b[i]);
        }
    }

    /// <summary>a[i] −= b[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Subtract(Span<int> a, ReadOnlySpan<int> b)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(a.Length, b.Length, b.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            for (nuint i = 0; i < (nuint)a.Length; i += 8)
            {
                Avx2.Subtract(Vector256.LoadUnsafe(ref aRef, i), Vector256.LoadUnsafe(ref bRef, i)).StoreUnsafe(ref aRef, i);
            }

            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            a[i] = unchecked(a[i] - b[i]);
        }
    }

    /// <summary>True when some |a[i]| ≥ bound (a reduced); the loop visits every coefficient either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool NormAtLeast(ReadOnlySpan<int> a, int bound)
    {
        if (Montgomery8.IsSupported)
        {
            RequireCovers(a.Length, a.Length, a.Length);

            ref var aRef = ref MemoryMarshal.GetReference(a);
            var limit = Vector256.Create(bound - 1);
            var any = Vector256<int>.Zero;
            for (nuint i = 0; i < (nuint)a.Length; i += 8)
            {
                any = Avx2.Or(any, Avx2.CompareGreaterThan(Avx2.Abs(Vector256.LoadUnsafe(ref aRef, i)).AsInt32(), limit));
            }

            return !Avx.TestZ(any, any);
        }

        var exceeded = 0;
        for (var i = 0; i < a.Length; i++)
        {
            unchecked
            {
                var sign = a[i] >> 31;
                var magnitude = a[i] - (sign & (2 * a[i]));
                exceeded |= (bound - 1 - magnitude) >> 31;
            }
        }

        return exceeded != 0;
    }

    /// <summary>Decompose (Algorithm 36) of coefficients in [0, q): high parts into <paramref name="high"/>, centred low parts into <paramref name="low"/>.</summary>
    public static void Decompose(ReadOnlySpan<int> a, int gamma2, Span<int> high, Span<int> low)
    {
        if (Montgomery8.IsSupported)
        {
            Decompose8(a, gamma2, high, low);
            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            unchecked
            {
                var value = a[i];
                var a1 = (value + 127) >> 7;
                if (gamma2 == (ModQ.Q - 1) / 32)
                {
                    a1 = ((a1 * 1025) + (1 << 21)) >> 22;
                    a1 &= 15;
                }
                else
                {
                    a1 = ((a1 * 11275) + (1 << 23)) >> 24;
                    a1 ^= ((43 - a1) >> 31) & a1;
                }

                var a0 = value - (a1 * 2 * gamma2);
                a0 -= (((ModQ.Q - 1) / 2) - a0) >> 31 & ModQ.Q;
                high[i] = a1;
                low[i] = a0;
            }
        }
    }

    /// <summary>
    /// The hint bits for low part <paramref name="low"/> (w0 − cs2 + ct0) and high part <paramref name="high"/>
    /// (the reference implementation's form of MakeHint, Algorithm 39); returns how many are set.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MakeHint(ReadOnlySpan<int> low, ReadOnlySpan<int> high, int gamma2, Span<int> hint)
    {
        var count = 0;
        for (var i = 0; i < hint.Length; i++)
        {
            var a0 = low[i];
            var bit = a0 > gamma2 || a0 < -gamma2 || (a0 == -gamma2 && high[i] != 0) ? 1 : 0;
            hint[i] = bit;
            count += bit;
        }

        return count;
    }

    /// <summary>UseHint (Algorithm 40) of coefficients in [0, q): the high parts, moved by one where the hint is set.</summary>
    public static void UseHint(ReadOnlySpan<int> a, ReadOnlySpan<int> hint, int gamma2, Span<int> high)
    {
        Span<int> low = stackalloc int[MlDsaParameterSet.N];
        var top = (ModQ.Q - 1) / (2 * gamma2);
        for (var offset = 0; offset < a.Length; offset += MlDsaParameterSet.N)
        {
            var highPoly = high.Slice(offset, MlDsaParameterSet.N);
            Decompose(a.Slice(offset, MlDsaParameterSet.N), gamma2, highPoly, low);
            for (var i = 0; i < MlDsaParameterSet.N; i++)
            {
                if (hint[offset + i] != 0)
                {
                    highPoly[i] = low[i] > 0 ? (highPoly[i] + 1) % top : (highPoly[i] + top - 1) % top;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Decompose8(ReadOnlySpan<int> a, int gamma2, Span<int> high, Span<int> low)
    {
        RequireCovers(a.Length, high.Length, low.Length);
        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var highRef = ref MemoryMarshal.GetReference(high);
        ref var lowRef = ref MemoryMarshal.GetReference(low);
        var wide = gamma2 == (ModQ.Q - 1) / 32;
        var twoGamma2 = Vector256.Create(2 * gamma2);
        var halfQ = Vector256.Create((ModQ.Q - 1) / 2);
        var q = Montgomery8.Q;
        for (nuint i = 0; i < (nuint)a.Length; i += 8)
        {
            var value = Vector256.LoadUnsafe(ref aRef, i);
            var a1 = Avx2.ShiftRightArithmetic(Avx2.Add(value, Vector256.Create(127)), 7);
            if (wide)
            {
                a1 = Avx2.ShiftRightArithmetic(Avx2.Add(Avx2.MultiplyLow(a1, Vector256.Create(1025)), Vector256.Create(1 << 21)), 22);
                a1 = Avx2.And(a1, Vector256.Create(15));
            }
            else
            {
                a1 = Avx2.ShiftRightArithmetic(Avx2.Add(Avx2.MultiplyLow(a1, Vector256.Create(11275)), Vector256.Create(1 << 23)), 24);
                a1 = Avx2.Xor(a1, Avx2.And(Avx2.ShiftRightArithmetic(Avx2.Subtract(Vector256.Create(43), a1), 31), a1));
            }

            var a0 = Avx2.Subtract(value, Avx2.MultiplyLow(a1, twoGamma2));
            a0 = Avx2.Subtract(a0, Avx2.And(Avx2.ShiftRightArithmetic(Avx2.Subtract(halfQ, a0), 31), q));
            a1.StoreUnsafe(ref highRef, i);
            a0.StoreUnsafe(ref lowRef, i);
        }
    }

    /// <summary>
    /// The vector paths load and store without bounds checks, eight coefficients at a time: every operand must hold at
    /// least <paramref name="length"/> coefficients, a multiple of 8. A caller that breaks this gets an exception, not
    /// memory outside its spans.
    /// </summary>
    private static void RequireCovers(int length, int first, int second)
    {
        if (length % 8 != 0 || first < length || second < length)
        {
            throw new ArgumentException($"vector operands of {first} and {second} coefficients cannot cover {length} (a multiple of 8 is required)");
        }
    }
}
