using System.Buffers.Binary;
using System.Security.Cryptography;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.KeyFiles;

/// <summary>Reads and writes a node's private identity file: the algorithm id and the 32-byte ML-DSA seed.</summary>
/// <remarks>
/// Layout, 48 bytes:
/// <code>
/// offset size  field
///  0      4    magic "XSNK" (0x58 0x53 0x4E 0x4B)
///  4      1    format version = 1
///  5      1    signature algorithm id (SignatureAlgorithm)
///  6      2    reserved, zero
///  8     32    seed ξ (FIPS 204 key generation)
/// 40      8    checksum: first 8 bytes of SHA3-256(bytes 0..39)
/// </code>
/// The checksum catches corruption and truncated copies, not tampering: whoever can write the file can
/// replace the key anyway. Files are created with Unix mode 0600 and refused on load when group or other
/// users have any access, as ssh does for private keys.
/// </remarks>
public static class NodeKeyFile
{
    /// <summary>Exact size of a version 1 file, in bytes.</summary>
    public const int FileSize = 48;

    /// <summary>The current format version.</summary>
    public const byte CurrentVersion = 1;

    private const int ChecksumOffset = 40;
    private const int ChecksumSize = 8;
    private const int SeedOffset = 8;

    private static ReadOnlySpan<byte> Magic => "XSNK"u8;

    /// <summary>Writes <paramref name="identity"/>'s seed to <paramref name="path"/> with mode 0600.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="identity">The identity to persist.</param>
    /// <param name="overwrite">Replace an existing file; without it an existing file is an error.</param>
    /// <exception cref="KeyFileException">The file exists (without overwrite), or the write failed.</exception>
    public static void Write(string path, NodeIdentity identity, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(identity);

        var content = new byte[FileSize];
        var seed = identity.ExportSeed();
        try
        {
            Magic.CopyTo(content);
            content[4] = CurrentVersion;
            content[5] = (byte)identity.Algorithm;
            seed.CopyTo(content, SeedOffset);
            WriteChecksum(content);
            KeyFileIo.WriteAtomically(path, content, KeyFileIo.PrivateMode, overwrite);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Loads the identity stored at <paramref name="path"/>.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="expectedAlgorithm">When set, a key of any other algorithm is rejected (no silent downgrade).</param>
    /// <param name="options">Signing options for the loaded identity; default hedged with the OS CSPRNG.</param>
    /// <exception cref="KeyFileException">Missing, insecure, truncated, corrupt or unexpected file.</exception>
    public static NodeIdentity Read(string path, SignatureAlgorithm? expectedAlgorithm = null, SigningOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        byte[] content;
        using (var stream = KeyFileIo.OpenRead(path))
        {
            // Checked on the open handle, so the file cannot be swapped between the check and the read.
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(stream.SafeFileHandle);
                if ((mode & KeyFileIo.GroupOrOther) != 0)
                {
                    throw new KeyFileException(
                        KeyFileError.InsecurePermissions,
                        path,
                        $"Private key file is accessible to group or other users (mode {Convert.ToString((int)mode, 8)}); run 'chmod 600' on it.");
                }
            }

            content = KeyFileIo.ReadBounded(stream, path, FileSize + 1);
        }

        try
        {
            return Parse(path, content, expectedAlgorithm, options);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private static NodeIdentity Parse(string path, ReadOnlySpan<byte> content, SignatureAlgorithm? expectedAlgorithm, SigningOptions? options)
    {
        var magicLength = Math.Min(content.Length, Magic.Length);
        if (!content[..magicLength].SequenceEqual(Magic[..magicLength]))
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, "Not a CrossShard node key file (bad magic).");
        }

        if (content.Length < FileSize)
        {
            throw new KeyFileException(KeyFileError.Truncated, path, $"Key file is {content.Length} bytes; expected {FileSize}.");
        }

        if (content.Length > FileSize)
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, $"Key file is longer than {FileSize} bytes.");
        }

        if (content[4] != CurrentVersion)
        {
            throw new KeyFileException(KeyFileError.UnsupportedVersion, path, $"Key file format version {content[4]} is not supported (expected {CurrentVersion}).");
        }

        Span<byte> expectedChecksum = stackalloc byte[Hash256.Size];
        Sha3.Hash(content[..ChecksumOffset], expectedChecksum);
        if (!CryptographicOperations.FixedTimeEquals(expectedChecksum[..ChecksumSize], content[ChecksumOffset..]))
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, "Key file checksum does not match; the file is damaged.");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(content[6..]) != 0)
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, "Reserved bytes are not zero.");
        }

        var algorithm = (SignatureAlgorithm)content[5];
        if (!SignatureAlgorithmInfo.IsDefined(algorithm))
        {
            throw new KeyFileException(KeyFileError.UnknownAlgorithm, path, $"Unknown signature algorithm id {content[5]}.");
        }

        if (expectedAlgorithm is { } expected && expected != algorithm)
        {
            throw new KeyFileException(
                KeyFileError.WrongAlgorithm,
                path,
                $"Key file holds an {algorithm.GetName()} key but {expected.GetName()} is required.");
        }

        return NodeIdentity.FromSeed(algorithm, content.Slice(SeedOffset, SignatureAlgorithmInfo.SeedSize), options);
    }

    private static void WriteChecksum(Span<byte> content)
    {
        Span<byte> digest = stackalloc byte[Hash256.Size];
        Sha3.Hash(content[..ChecksumOffset], digest);
        digest[..ChecksumSize].CopyTo(content[ChecksumOffset..]);
    }
}
