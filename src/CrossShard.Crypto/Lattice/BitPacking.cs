using System.Runtime.CompilerServices;

namespace CrossShard.Crypto.Lattice;

/// <summary>FIPS 204 SimpleBitPack / SimpleBitUnpack of one polynomial: 256 values, <c>bits</c> each, least significant bit first.</summary>
/// <remarks>The signed encodings (BitPack with bounds a, b) are the caller's map b − w onto [0, a + b] before packing.</remarks>
internal static class BitPacking
{
    /// <summary>Packs 256 values in [0, 2^bits) into 32·bits bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(ReadOnlySpan<int> values, int bits, Span<byte> destination)
    {
        unchecked
        {
            ulong buffer = 0;
            var held = 0;
            var output = 0;
            for (var i = 0; i < MlDsaParameterSet.N; i++)
            {
                buffer |= (ulong)(uint)values[i] << held;
                held += bits;
                while (held >= 8)
                {
                    destination[output++] = (byte)buffer;
                    buffer >>= 8;
                    held -= 8;
                }
            }
        }
    }

    /// <summary>Unpacks 32·bits bytes into 256 values in [0, 2^bits).</summary>
    public static void Unpack(ReadOnlySpan<byte> source, int bits, Span<int> values) => Unpack(source, bits, values, MlDsaParameterSet.N);

    /// <summary>Unpacks the first <paramref name="count"/> values (a multiple of 8, so they end on a byte boundary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack(ReadOnlySpan<byte> source, int bits, Span<int> values, int count)
    {
        unchecked
        {
            var mask = (1UL << bits) - 1;
            ulong buffer = 0;
            var held = 0;
            var input = 0;
            for (var i = 0; i < count; i++)
            {
                while (held < bits)
                {
                    buffer |= (ulong)source[input++] << held;
                    held += 8;
                }

                values[i] = (int)(buffer & mask);
                buffer >>= bits;
                held -= bits;
            }
        }
    }
}
