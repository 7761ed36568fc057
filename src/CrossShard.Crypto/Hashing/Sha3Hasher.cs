using CrossShard.Core.Hashing;

namespace CrossShard.Crypto.Hashing;

/// <summary>Incremental SHA3-256, so prefixed inputs (domain tags, lengths) need no concatenation copy.</summary>
/// <remarks>Not thread-safe; one instance per computation. Reusable after <see cref="Finish"/>.</remarks>
public sealed class Sha3Hasher
{
    private readonly Sha3Sponge _sponge = new();

    internal Sha3Hasher()
    {
    }

    /// <summary>Appends <paramref name="data"/>.</summary>
    public void Append(ReadOnlySpan<byte> data) => _sponge.Append(data);

    /// <summary>Appends one byte.</summary>
    public void Append(byte value) => Append([value]);

    /// <summary>Returns the digest of everything appended and resets for the next computation.</summary>
    public Hash256 Finish()
    {
        Span<byte> digest = stackalloc byte[Hash256.Size];
        _sponge.Finish(digest);
        return Hash256.FromBytes(digest);
    }
}
