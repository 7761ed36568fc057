using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossShard.Crypto.Lattice;

/// <summary>The three NTT layers whose butterflies span fewer than 8 coefficients (len 4, 2, 1), with AVX2.</summary>
/// <remarks>
/// Each step loads 16 coefficients as two vectors, regroups them so one vector holds the butterflies' low inputs
/// and the other their high inputs (128-bit halves for len 4, 64-bit pairs for len 2, alternate lanes for len 1),
/// runs eight butterflies, and undoes the regrouping. The twiddle factors are laid out once in the same lane order.
/// </remarks>
internal static class SmallLayers8
{
    private const int N = MlDsaParameterSet.N;
    private const int Chunks = N / 16;

    // [layer][chunk] → 8 lanes; layer 0, 1, 2 = len 4, 2, 1.
    private static readonly int[] ForwardZetas = Layout(inverse: false, out ForwardZetasQInverse);
    private static readonly int[] ForwardZetasQInverse;
    private static readonly int[] InverseZetas = Layout(inverse: true, out InverseZetasQInverse);
    private static readonly int[] InverseZetasQInverse;

    /// <summary>Layers len = 4, 2, 1 of the forward transform.</summary>
    public static void Forward(Span<int> a)
    {
        for (var layer = 0; layer < 3; layer++)
        {
            RunLayer(a, layer, inverse: false);
        }
    }

    /// <summary>Layers len = 1, 2, 4 of the inverse transform.</summary>
    public static void Inverse(Span<int> a)
    {
        for (var layer = 2; layer >= 0; layer--)
        {
            RunLayer(a, layer, inverse: true);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunLayer(Span<int> a, int layer, bool inverse)
    {
        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var zetaRef = ref MemoryMarshal.GetArrayDataReference(inverse ? InverseZetas : ForwardZetas);
        ref var zetaQRef = ref MemoryMarshal.GetArrayDataReference(inverse ? InverseZetasQInverse : ForwardZetasQInverse);
        for (nuint chunk = 0; chunk < Chunks; chunk++)
        {
            var offset = chunk * 16;
            var v0 = Vector256.LoadUnsafe(ref aRef, offset);
            var v1 = Vector256.LoadUnsafe(ref aRef, offset + 8);
            var (low, high) = Split(v0, v1, layer);
            var zetaOffset = (((nuint)layer * Chunks) + chunk) * 8;
            var z = Vector256.LoadUnsafe(ref zetaRef, zetaOffset);
            var zq = Vector256.LoadUnsafe(ref zetaQRef, zetaOffset);
            if (inverse)
            {
                var sum = Avx2.Add(low, high);
                high = Montgomery8.Multiply(Avx2.Subtract(low, high), z, zq);
                low = sum;
            }
            else
            {
                var t = Montgomery8.Multiply(high, z, zq);
                high = Avx2.Subtract(low, t);
                low = Avx2.Add(low, t);
            }

            (v0, v1) = Join(low, high, layer);
            v0.StoreUnsafe(ref aRef, offset);
            v1.StoreUnsafe(ref aRef, offset + 8);
        }
    }

    private static (Vector256<int> Low, Vector256<int> High) Split(Vector256<int> v0, Vector256<int> v1, int layer) => layer switch
    {
        0 => (Avx2.Permute2x128(v0, v1, 0x20), Avx2.Permute2x128(v0, v1, 0x31)),
        1 => (Avx2.UnpackLow(v0.AsInt64(), v1.AsInt64()).AsInt32(), Avx2.UnpackHigh(v0.AsInt64(), v1.AsInt64()).AsInt32()),
        _ => (Avx2.Blend(v0, Avx2.ShiftLeftLogical(v1.AsInt64(), 32).AsInt32(), 0b1010_1010),
              Avx2.Blend(Avx2.ShiftRightLogical(v0.AsInt64(), 32).AsInt32(), v1, 0b1010_1010)),
    };

    private static (Vector256<int> V0, Vector256<int> V1) Join(Vector256<int> low, Vector256<int> high, int layer) => layer switch
    {
        0 => (Avx2.Permute2x128(low, high, 0x20), Avx2.Permute2x128(low, high, 0x31)),
        1 => (Avx2.UnpackLow(low.AsInt64(), high.AsInt64()).AsInt32(), Avx2.UnpackHigh(low.AsInt64(), high.AsInt64()).AsInt32()),
        _ => (Avx2.Blend(low, Avx2.ShiftLeftLogical(high.AsInt64(), 32).AsInt32(), 0b1010_1010),
              Avx2.Blend(Avx2.ShiftRightLogical(low.AsInt64(), 32).AsInt32(), high, 0b1010_1010)),
    };

    /// <summary>Twiddle factors in the lane order <see cref="Split"/> produces, and their products with q^−1.</summary>
    private static int[] Layout(bool inverse, out int[] qInverse)
    {
        var zetas = Ntt.TwiddleFactors;
        var table = new int[3 * Chunks * 8];
        qInverse = new int[table.Length];
        for (var layer = 0; layer < 3; layer++)
        {
            var len = 4 >> layer;
            for (var chunk = 0; chunk < Chunks; chunk++)
            {
                for (var lane = 0; lane < 8; lane++)
                {
                    // Which butterfly block (of 2·len coefficients, numbered within the chunk) feeds this lane.
                    var blockInChunk = layer switch
                    {
                        0 => lane / 4,                               // [B0 ×4, B1 ×4]
                        1 => ((lane / 2) % 2 * 2) + (lane / 4),      // [B0, B0, B2, B2, B1, B1, B3, B3]
                        _ => ((lane % 2) * 4) + (lane / 2),          // [P0, P4, P1, P5, P2, P6, P3, P7]
                    };
                    var block = (chunk * 16 / (2 * len)) + blockInChunk;
                    var zeta = inverse ? -zetas[(N / len) - 1 - block] : zetas[(128 / len) + block];
                    var index = (((layer * Chunks) + chunk) * 8) + lane;
                    table[index] = zeta;
                    qInverse[index] = unchecked(zeta * ModQ.QInverse);
                }
            }
        }

        return table;
    }
}
