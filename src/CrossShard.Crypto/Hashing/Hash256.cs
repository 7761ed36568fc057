using System.Buffers.Binary;

namespace CrossShard.Crypto.Hashing;

/// <summary>A 32-byte hash value (SHA3-256 digest, Merkle root, key fingerprint) with value equality.</summary>
/// <remarks>Stored as four integers so it is a cheap dictionary key and compares without allocation.</remarks>
public readonly record struct Hash256
{
    /// <summary>Length of the value, in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private Hash256(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>Reads a hash from exactly 32 bytes.</summary>
    /// <exception cref="CryptoFormatException">The input is not 32 bytes long.</exception>
    public static Hash256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, $"A hash is {Size} bytes; got {bytes.Length}.");
        }

        return new Hash256(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    /// <summary>Parses 64 hex digits.</summary>
    /// <exception cref="FormatException">Not 64 hex digits.</exception>
    public static Hash256 ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return FromBytes(Convert.FromHexString(hex));
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"Destination needs {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, _a);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _d);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hex, 64 digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
