using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossShard.Crypto.Lattice;

/// <summary>Eight Montgomery products at once with AVX2 (the lane-wise form of <see cref="ModQ.MontgomeryReduce"/> of a·b).</summary>
/// <remarks>
/// AVX2 multiplies 32-bit lanes into 64 bits only for the even lanes, so even and odd lanes are multiplied
/// separately and blended: r = (a·b − t·q) / 2^32 with t = a·b·q^−1 mod 2^32, exact because the low halves cancel.
/// </remarks>
internal static class Montgomery8
{
    /// <summary>True where the vector paths can run.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>q in every lane.</summary>
    public static Vector256<int> Q => Vector256.Create(ModQ.Q);

    /// <summary>Lane-wise a·b·2^−32 mod q, |result| &lt; q, given bQInverse = b·q^−1 mod 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Multiply(Vector256<int> a, Vector256<int> b, Vector256<int> bQInverse)
    {
        var t = Avx2.MultiplyLow(a, bQInverse);
        var q = Q;
        var even = Avx2.Subtract(Avx2.Multiply(a, b), Avx2.Multiply(t, q));
        var odd = Avx2.Subtract(
            Avx2.Multiply(Avx2.ShiftRightLogical(a.AsInt64(), 32).AsInt32(), Avx2.ShiftRightLogical(b.AsInt64(), 32).AsInt32()),
            Avx2.Multiply(Avx2.ShiftRightLogical(t.AsInt64(), 32).AsInt32(), q));
        return Avx2.Blend(Avx2.ShiftRightLogical(even, 32).AsInt32(), odd.AsInt32(), 0b1010_1010);
    }

    /// <summary>Lane-wise a·b·2^−32 mod q for two coefficient vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Multiply(Vector256<int> a, Vector256<int> b) =>
        Multiply(a, b, Avx2.MultiplyLow(b, Vector256.Create(ModQ.QInverse)));

    /// <summary>Lane-wise <see cref="ModQ.Reduce32"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Reduce32(Vector256<int> a)
    {
        var t = Avx2.ShiftRightArithmetic(Avx2.Add(a, Vector256.Create(1 << 22)), 23);
        return Avx2.Subtract(a, Avx2.MultiplyLow(t, Q));
    }
}
