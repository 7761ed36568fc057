using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace CrossShard.Crypto.Hashing;

/// <summary>Incremental SHA3-256, so prefixed inputs (domain tags, lengths) need no concatenation copy.</summary>
/// <remarks>Not thread-safe; one instance per computation. Reusable after <see cref="Finish"/>.</remarks>
public sealed class Sha3Hasher : IDisposable
{
    private readonly IncrementalHash? _platform;
    private readonly Sha3Digest? _managed;

    internal Sha3Hasher()
    {
        if (SHA3_256.IsSupported)
        {
            _platform = IncrementalHash.CreateHash(HashAlgorithmName.SHA3_256);
        }
        else
        {
            _managed = new Sha3Digest(256);
        }
    }

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_platform is not null)
        {
            _platform.AppendData(data);
        }
        else
        {
            _managed!.BlockUpdate(data);
        }
    }

    /// <summary>Appends one byte.</summary>
    public void Append(byte value) => Append([value]);

    /// <summary>Returns the digest of everything appended and resets for the next computation.</summary>
    public Hash256 Finish()
    {
        Span<byte> digest = stackalloc byte[Hash256.Size];
        if (_platform is not null)
        {
            _platform.GetHashAndReset(digest);
        }
        else
        {
            _managed!.DoFinal(digest);
        }

        return Hash256.FromBytes(digest);
    }

    /// <inheritdoc/>
    public void Dispose() => _platform?.Dispose();
}
