using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Kem;

/// <summary>An ML-KEM encapsulation key (ek) together with its algorithm; immutable and always FIPS 203 checked.</summary>
/// <remarks>Binary encoding: one algorithm id byte followed by ek.</remarks>
public sealed class KemPublicKey : IEquatable<KemPublicKey>
{
    private readonly byte[] _key;

    private KemPublicKey(KemAlgorithm algorithm, byte[] key)
    {
        Algorithm = algorithm;
        _key = key;
    }

    /// <summary>The algorithm the key belongs to.</summary>
    public KemAlgorithm Algorithm { get; }

    /// <summary>The FIPS 203 encapsulation key bytes, without the algorithm id.</summary>
    public ReadOnlySpan<byte> KeyBytes => _key;

    internal byte[] KeyArray => _key;

    /// <summary>Creates a key from ek bytes (copied) after the FIPS 203 §7.2 input check.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown algorithm.</exception>
    /// <exception cref="CryptoFormatException">Wrong length, or a coefficient not reduced mod q.</exception>
    public static KemPublicKey Create(KemAlgorithm algorithm, ReadOnlySpan<byte> encapsulationKey)
    {
        KemAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (encapsulationKey.Length != algorithm.GetEncapsulationKeySize())
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"{algorithm.GetName()} encapsulation key is {algorithm.GetEncapsulationKeySize()} bytes; got {encapsulationKey.Length}.");
        }

        if (!MlKemKeyValidation.IsValidEncapsulationKey(algorithm, encapsulationKey))
        {
            throw new CryptoFormatException(CryptoFormatError.Malformed, "Encapsulation key fails the FIPS 203 modulus check.");
        }

        return new KemPublicKey(algorithm, encapsulationKey.ToArray());
    }

    /// <summary>Parses the binary encoding (algorithm id byte + ek).</summary>
    /// <exception cref="CryptoFormatException">Empty, unknown algorithm, wrong length or malformed.</exception>
    public static KemPublicKey Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, "Encoded KEM public key is empty.");
        }

        return Create(KemAlgorithmInfo.FromId(encoded[0]), encoded[1..]);
    }

    /// <summary>The binary encoding: algorithm id byte followed by ek.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[1 + _key.Length];
        encoded[0] = (byte)Algorithm;
        _key.CopyTo(encoded, 1);
        return encoded;
    }

    /// <summary>SHA3-256 of <see cref="Encode"/>, e.g. for binding the key into a handshake transcript.</summary>
    public Hash256 ComputeFingerprint() => Sha3.Hash(Encode());

    /// <inheritdoc/>
    public bool Equals(KemPublicKey? other) =>
        other is not null && Algorithm == other.Algorithm && _key.AsSpan().SequenceEqual(other._key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KemPublicKey);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Algorithm);
        hash.AddBytes(_key.AsSpan(0, 32));
        return hash.ToHashCode();
    }
}
