using System.Buffers.Binary;

namespace CrossShard.Core.Hashing;

/// <summary>
/// SHA3-256 (FIPS 202) in managed code: one-shot (<see cref="HashData"/>, no allocation) or incremental (an instance,
/// reusable after <see cref="Finish"/>). Transaction ids, the account rule and Merkle trees hash short inputs per
/// transfer; through the platform (OpenSSL) a 100-byte input cost ~0.9 µs, mostly context setup and teardown, against
/// ~0.35 µs here.
/// </summary>
/// <remarks>Not thread-safe; one instance per computation at a time. The static method is thread-safe.</remarks>
public sealed class Sha3Sponge
{
    /// <summary>Bytes of a SHA3-256 digest.</summary>
    public const int DigestSize = 32;

    // r = 1600 - 2·256 bits; a block is XORed into the first Rate bytes of the state.
    private const int Rate = 136;
    private const int RateLanes = Rate / 8;

    // FIPS 202 domain bits for SHA-3 (01) followed by the first bit of pad10*1.
    private const byte Sha3Suffix = 0x06;

    private readonly ulong[] _state = new ulong[KeccakF1600.Lanes];
    private readonly byte[] _pending = new byte[Rate];
    private int _pendingCount;

    /// <summary>Writes SHA3-256 of <paramref name="data"/> to the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        CheckDestination(destination);
        Span<ulong> state = stackalloc ulong[KeccakF1600.Lanes];
        state.Clear();
        while (data.Length >= Rate)
        {
            AbsorbBlock(state, data);
            data = data[Rate..];
        }

        Span<byte> last = stackalloc byte[Rate];
        Squeeze(state, data, last, destination);
    }

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_pendingCount > 0)
        {
            var take = Math.Min(Rate - _pendingCount, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            data = data[take..];
            if (_pendingCount < Rate)
            {
                return;
            }

            AbsorbBlock(_state, _pending);
            _pendingCount = 0;
        }

        while (data.Length >= Rate)
        {
            AbsorbBlock(_state, data);
            data = data[Rate..];
        }

        data.CopyTo(_pending);
        _pendingCount = data.Length;
    }

    /// <summary>Writes the digest of everything appended to the first 32 bytes of <paramref name="destination"/>, then resets.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void Finish(Span<byte> destination)
    {
        CheckDestination(destination);
        Span<byte> last = stackalloc byte[Rate];
        Squeeze(_state, _pending.AsSpan(0, _pendingCount), last, destination);
        Array.Clear(_state);
        _pendingCount = 0;
    }

    private static void CheckDestination(Span<byte> destination)
    {
        if (destination.Length < DigestSize)
        {
            throw new ArgumentException($"Destination needs {DigestSize} bytes.", nameof(destination));
        }
    }

    private static void AbsorbBlock(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < RateLanes; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }

        KeccakF1600.Permute(state);
    }

    // Pads the tail (fewer than Rate bytes) into `last`, absorbs it and reads the digest: 32 bytes fit in one block.
    private static void Squeeze(Span<ulong> state, ReadOnlySpan<byte> tail, Span<byte> last, Span<byte> destination)
    {
        last.Clear();
        tail.CopyTo(last);
        last[tail.Length] ^= Sha3Suffix;
        last[Rate - 1] ^= 0x80;
        AbsorbBlock(state, last);
        for (var i = 0; i < DigestSize / 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * 8)..], state[i]);
        }
    }
}
