using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Signing;

/// <summary>An ML-DSA public key together with its algorithm; immutable.</summary>
/// <remarks>
/// Binary encoding: one algorithm id byte followed by the FIPS 204 pk. Text encoding (manifests, public key
/// files): <c>ML-DSA-65:</c> followed by the base64 of the pk.
/// </remarks>
public sealed class SignaturePublicKey : IEquatable<SignaturePublicKey>
{
    private readonly byte[] _key;

    private SignaturePublicKey(SignatureAlgorithm algorithm, byte[] key)
    {
        Algorithm = algorithm;
        _key = key;

        // Computed up front so the immutable key stays safe to share between threads.
        Fingerprint = Sha3.Hash(Encode());
    }

    /// <summary>The algorithm the key belongs to.</summary>
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>The FIPS 204 encoded public key (pk), without the algorithm id.</summary>
    public ReadOnlySpan<byte> KeyBytes => _key;

    /// <summary>SHA3-256 of <see cref="Encode"/>; identifies the key (and its algorithm) in caches and logs.</summary>
    public Hash256 Fingerprint { get; }

    internal byte[] KeyArray => _key;

    /// <summary>Creates a key from a FIPS 204 pk (copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown algorithm.</exception>
    /// <exception cref="CryptoFormatException">The pk has the wrong length for the algorithm.</exception>
    public static SignaturePublicKey Create(SignatureAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        SignatureAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (key.Length != algorithm.GetPublicKeySize())
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"{algorithm.GetName()} public key is {algorithm.GetPublicKeySize()} bytes; got {key.Length}.");
        }

        return new SignaturePublicKey(algorithm, key.ToArray());
    }

    /// <summary>Parses the binary encoding (algorithm id byte + pk).</summary>
    /// <exception cref="CryptoFormatException">Empty, unknown algorithm id, or wrong length.</exception>
    public static SignaturePublicKey Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, "Encoded public key is empty.");
        }

        return Create(SignatureAlgorithmInfo.FromId(encoded[0]), encoded[1..]);
    }

    /// <summary>Parses the text encoding, e.g. <c>ML-DSA-65:base64…</c>.</summary>
    /// <exception cref="CryptoFormatException">Malformed text, unknown algorithm or wrong length.</exception>
    public static SignaturePublicKey ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new CryptoFormatException(CryptoFormatError.Malformed, "Public key text must look like 'ML-DSA-65:<base64>'.");
        }

        if (!SignatureAlgorithmInfo.TryParseName(text[..colon], out var algorithm))
        {
            throw new CryptoFormatException(CryptoFormatError.UnknownAlgorithm, $"Unknown signature algorithm '{text[..colon]}'.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text[(colon + 1)..].Trim());
        }
        catch (FormatException)
        {
            throw new CryptoFormatException(CryptoFormatError.Malformed, "Public key text is not valid base64.");
        }

        return Create(algorithm, key);
    }

    /// <summary>The binary encoding: algorithm id byte followed by the pk.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[1 + _key.Length];
        encoded[0] = (byte)Algorithm;
        _key.CopyTo(encoded, 1);
        return encoded;
    }

    /// <summary>The text encoding: algorithm name, colon, base64 pk.</summary>
    public string ToText() => $"{Algorithm.GetName()}:{Convert.ToBase64String(_key)}";

    /// <inheritdoc/>
    public bool Equals(SignaturePublicKey? other) =>
        other is not null && Algorithm == other.Algorithm && _key.AsSpan().SequenceEqual(other._key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SignaturePublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => Fingerprint.GetHashCode();

    /// <summary>Algorithm name and fingerprint prefix, short enough for logs.</summary>
    public override string ToString() => $"{Algorithm.GetName()}/{Fingerprint.ToString()[..16]}";
}
