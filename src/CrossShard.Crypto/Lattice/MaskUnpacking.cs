using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossShard.Crypto.Lattice;

/// <summary>
/// Turns an ExpandMask stream into y = γ1 − (its 18- or 20-bit fields), eight coefficients at a time with AVX2.
/// The bit-by-bit unpacking was a sixth of signing once the streams themselves got cheap.
/// </summary>
/// <remarks>
/// Eight fields take 18 or 20 bytes. Each 128-bit half of a vector gets the bytes of four fields (a half loads 16
/// bytes from the first byte of its first field), a byte shuffle puts each field's three bytes into its own 32-bit
/// lane, a per-lane shift drops the bits of the field before it, and a mask the bits of the one after. The last
/// group runs through the scalar code, so no load reads past the stream.
/// </remarks>
internal static class MaskUnpacking
{
    private const int N = MlDsaParameterSet.N;

    /// <summary>Unpacks 256 fields of <paramref name="bits"/> (18 or 20) into γ1 − field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack(ReadOnlySpan<byte> stream, int bits, int gamma1, Span<int> poly) =>
        Unpack(stream, bits, gamma1, poly, Avx2.IsSupported);

    /// <summary>The same with the vector path on or off (tests compare the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Unpack(ReadOnlySpan<byte> stream, int bits, int gamma1, Span<int> poly, bool vectorized)
    {
        if (bits is not (18 or 20))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "mask fields are 18 or 20 bits");
        }

        var groupBytes = bits; // eight fields of `bits` bits
        if (stream.Length < N / 8 * groupBytes || poly.Length < N)
        {
            throw new ArgumentException("a mask stream holds 256 fields, into 256 coefficients", nameof(stream));
        }

        var done = 0;
        if (vectorized)
        {
            done = UnpackVector(stream, bits, gamma1, poly);
        }

        BitPacking.Unpack(stream[(done / 8 * groupBytes)..], bits, poly[done..], N - done);
        for (var i = done; i < N; i++)
        {
            poly[i] = gamma1 - poly[i];
        }
    }

    // All groups but the last; returns how many coefficients it wrote.
    private static int UnpackVector(ReadOnlySpan<byte> stream, int bits, int gamma1, Span<int> poly)
    {
        // Within a half: the first byte of each of its four fields, and that field's offset in bits within the byte.
        Vector256<byte> shuffle;
        Vector256<uint> shifts;
        int halfOffset;
        if (bits == 20)
        {
            shuffle = Vector256.Create((byte)0, 1, 2, 0x80, 2, 3, 4, 0x80, 5, 6, 7, 0x80, 7, 8, 9, 0x80, 0, 1, 2, 0x80, 2, 3, 4, 0x80, 5, 6, 7, 0x80, 7, 8, 9, 0x80);
            shifts = Vector256.Create(0u, 4, 0, 4, 0, 4, 0, 4);
            halfOffset = 10;
        }
        else
        {
            shuffle = Vector256.Create((byte)0, 1, 2, 0x80, 2, 3, 4, 0x80, 4, 5, 6, 0x80, 6, 7, 8, 0x80, 0, 1, 2, 0x80, 2, 3, 4, 0x80, 4, 5, 6, 0x80, 6, 7, 8, 0x80);
            shifts = Vector256.Create(0u, 2, 4, 6, 0, 2, 4, 6);
            halfOffset = 9;
        }

        var mask = Vector256.Create((1u << bits) - 1);
        var gamma = Vector256.Create(gamma1);
        ref var source = ref MemoryMarshal.GetReference(stream);
        ref var destination = ref MemoryMarshal.GetReference(poly);
        const int Groups = (N / 8) - 1;
        for (nuint group = 0; group < Groups; group++)
        {
            var at = group * (nuint)bits;
            var bytes = Vector256.Create(Vector128.LoadUnsafe(ref source, at), Vector128.LoadUnsafe(ref source, at + (nuint)halfOffset));
            var fields = Avx2.Shuffle(bytes, shuffle).AsUInt32();
            fields = Avx2.ShiftRightLogicalVariable(fields, shifts) & mask;
            (gamma - fields.AsInt32()).StoreUnsafe(ref destination, group * 8);
        }

        return Groups * 8;
    }
}
