using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace CrossShard.Crypto.Hashing;

/// <summary>
/// Four SHAKE128 or SHAKE256 computations (FIPS 202) side by side on <see cref="KeccakX4"/>: four inputs of one length
/// in, four outputs of one length out, each output exactly what the single SHAKE gives for its input.
/// </summary>
internal static class ShakeX4
{
    /// <summary>SHAKE128's rate in bytes.</summary>
    public const int Shake128Rate = 168;

    /// <summary>SHAKE256's rate in bytes.</summary>
    public const int Shake256Rate = 136;

    // The SHAKE domain bits (1111) with the first bit of pad10*1; the last bit of the padding is 0x80 at the block end.
    private const byte ShakeDomainAndPad = 0x1F;

    /// <summary>Whether this machine can run it (see <see cref="KeccakX4.IsSupported"/>).</summary>
    public static bool IsSupported => KeccakX4.IsSupported;

    /// <summary>
    /// SHAKE with rate <paramref name="rate"/> (<see cref="Shake128Rate"/> or <see cref="Shake256Rate"/>) of each input into
    /// the output of the same index. The four inputs must have one length, and so must the four outputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HashData(
        int rate,
        ReadOnlySpan<byte> input0,
        ReadOnlySpan<byte> input1,
        ReadOnlySpan<byte> input2,
        ReadOnlySpan<byte> input3,
        Span<byte> output0,
        Span<byte> output1,
        Span<byte> output2,
        Span<byte> output3)
    {
        if (rate is not (Shake128Rate or Shake256Rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "SHAKE128 (168) or SHAKE256 (136)");
        }

        var length = input0.Length;
        if (input1.Length != length || input2.Length != length || input3.Length != length)
        {
            throw new ArgumentException("the four inputs must have one length", nameof(input1));
        }

        var outputLength = output0.Length;
        if (output1.Length != outputLength || output2.Length != outputLength || output3.Length != outputLength)
        {
            throw new ArgumentException("the four outputs must have one length", nameof(output1));
        }

        Span<Vector256<ulong>> state = stackalloc Vector256<ulong>[KeccakX4.Lanes];
        state.Clear();
        var offset = 0;
        for (; length - offset >= rate; offset += rate)
        {
            Absorb(state, rate, input0[offset..], input1[offset..], input2[offset..], input3[offset..]);
            KeccakX4.Permute(state);
        }

        // The last, partial block (possibly empty) with SHAKE's domain bits and pad10*1.
        Span<byte> last = stackalloc byte[4 * Shake128Rate];
        last.Clear();
        PadInto(last.Slice(0 * rate, rate), input0[offset..]);
        PadInto(last.Slice(1 * rate, rate), input1[offset..]);
        PadInto(last.Slice(2 * rate, rate), input2[offset..]);
        PadInto(last.Slice(3 * rate, rate), input3[offset..]);
        Absorb(state, rate, last[..rate], last.Slice(rate, rate), last.Slice(2 * rate, rate), last.Slice(3 * rate, rate));

        for (var produced = 0; ; produced += rate)
        {
            KeccakX4.Permute(state);
            var take = Math.Min(rate, outputLength - produced);
            Squeeze(state, take, output0.Slice(produced, take), output1.Slice(produced, take), output2.Slice(produced, take), output3.Slice(produced, take));
            if (produced + take == outputLength)
            {
                // The states and the last block may hold secret input (ExpandMask's seed is derived from the key).
                CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(state));
                CryptographicOperations.ZeroMemory(last);
                return;
            }
        }
    }

    private static void PadInto(Span<byte> block, ReadOnlySpan<byte> tail)
    {
        tail.CopyTo(block);
        block[tail.Length] ^= ShakeDomainAndPad;
        block[^1] ^= 0x80;
    }

    private static void Absorb(Span<Vector256<ulong>> state, int rate, ReadOnlySpan<byte> block0, ReadOnlySpan<byte> block1, ReadOnlySpan<byte> block2, ReadOnlySpan<byte> block3)
    {
        for (var lane = 0; lane < rate / 8; lane++)
        {
            var at = lane * 8;
            state[lane] ^= Vector256.Create(
                BinaryPrimitives.ReadUInt64LittleEndian(block0[at..]),
                BinaryPrimitives.ReadUInt64LittleEndian(block1[at..]),
                BinaryPrimitives.ReadUInt64LittleEndian(block2[at..]),
                BinaryPrimitives.ReadUInt64LittleEndian(block3[at..]));
        }
    }

    // Writes the first `take` bytes of the rate part of each state: whole lanes, then the bytes of a partial one.
    private static void Squeeze(ReadOnlySpan<Vector256<ulong>> state, int take, Span<byte> output0, Span<byte> output1, Span<byte> output2, Span<byte> output3)
    {
        var lane = 0;
        for (; (lane * 8) + 8 <= take; lane++)
        {
            var value = state[lane];
            var at = lane * 8;
            BinaryPrimitives.WriteUInt64LittleEndian(output0[at..], value.GetElement(0));
            BinaryPrimitives.WriteUInt64LittleEndian(output1[at..], value.GetElement(1));
            BinaryPrimitives.WriteUInt64LittleEndian(output2[at..], value.GetElement(2));
            BinaryPrimitives.WriteUInt64LittleEndian(output3[at..], value.GetElement(3));
        }

        var rest = take - (lane * 8);
        if (rest > 0)
        {
            Span<byte> bytes = stackalloc byte[8];
            var value = state[lane];
            var at = lane * 8;
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value.GetElement(0));
            bytes[..rest].CopyTo(output0[at..]);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value.GetElement(1));
            bytes[..rest].CopyTo(output1[at..]);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value.GetElement(2));
            bytes[..rest].CopyTo(output2[at..]);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value.GetElement(3));
            bytes[..rest].CopyTo(output3[at..]);
        }
    }
}
