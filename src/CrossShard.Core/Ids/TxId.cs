using System.Buffers.Binary;
using System.Globalization;

namespace CrossShard.Core.Ids;

/// <summary>A transaction id: SHA3-256 of the transaction's canonical encoding, held as four words for cheap hashing and equality.</summary>
public readonly record struct TxId(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>Length of a transaction id in bytes.</summary>
    public const int Size = 32;

    /// <summary>Builds an id from its 32 bytes (big-endian words keep the hex form in byte order).</summary>
    public static TxId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a transaction id is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new TxId(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Writes the 32 bytes of the id into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <summary>The 32 bytes of the id.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Parses the 64-character lower- or upper-case hex form.</summary>
    public static bool TryParse(string? text, out TxId id)
    {
        id = default;
        if (text is null || text.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        for (var i = 0; i < Size; i++)
        {
            if (!byte.TryParse(text.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        id = FromBytes(bytes);
        return true;
    }

    /// <summary>Parses the hex form or throws <see cref="FormatException"/> naming the problem.</summary>
    public static TxId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a transaction id (64 hex characters)");

    /// <summary>The lower-case hex form.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The first 12 hex characters, for logs and tables.</summary>
    public string ToShortString() => ToString()[..12];
}
