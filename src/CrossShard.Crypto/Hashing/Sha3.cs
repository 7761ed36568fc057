using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace CrossShard.Crypto.Hashing;

/// <summary>SHA3-256 and SHAKE256 (FIPS 202), using the platform implementation when it has one.</summary>
/// <remarks>
/// .NET only offers SHA-3 where the OS crypto library does (OpenSSL 1.1.1+, Windows 11); elsewhere the
/// BouncyCastle implementation gives identical output, so callers never have to check.
/// </remarks>
public static class Sha3
{
    /// <summary>SHA3-256 of <paramref name="data"/>.</summary>
    public static Hash256 Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Hash256.Size];
        Hash(data, digest);
        return Hash256.FromBytes(digest);
    }

    /// <summary>Writes SHA3-256 of <paramref name="data"/> to the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Hash256.Size)
        {
            throw new ArgumentException($"Destination needs {Hash256.Size} bytes.", nameof(destination));
        }

        if (SHA3_256.IsSupported)
        {
            SHA3_256.HashData(data, destination);
            return;
        }

        var digest = new Sha3Digest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    /// <summary>SHAKE256 of <paramref name="data"/>, producing <paramref name="outputLength"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The output length is negative.</exception>
    public static byte[] Shake256(ReadOnlySpan<byte> data, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputLength);
        var output = new byte[outputLength];
        Shake256(data, output);
        return output;
    }

    /// <summary>SHAKE256 of <paramref name="data"/>, filling all of <paramref name="destination"/>.</summary>
    public static void Shake256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (System.Security.Cryptography.Shake256.IsSupported)
        {
            System.Security.Cryptography.Shake256.HashData(data, destination);
            return;
        }

        var xof = new ShakeDigest(256);
        xof.BlockUpdate(data);
        xof.OutputFinal(destination);
    }

    /// <summary>Starts an incremental SHA3-256 computation, for inputs assembled from several pieces.</summary>
    public static Sha3Hasher CreateHasher() => new();
}
