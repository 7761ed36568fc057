using System.Security.Cryptography;
using CrossShard.Crypto.BouncyCastle;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.Kem;

/// <summary>An ML-KEM key pair (FIPS 203): generated, derived from a seed d || z, or imported from dk.</summary>
/// <remarks>
/// Session handshakes use a fresh key pair per connection (<see cref="Generate"/>); seeds and dk import exist
/// for known-answer tests and interop. Thread-safe. Dispose marks the object unusable; the key inside
/// BouncyCastle cannot be wiped and lives until collected.
/// </remarks>
public sealed class MlKemKeyPair : IKemDecapsulator
{
    private readonly MLKemPrivateKeyParameters _privateKey;
    private bool _disposed;

    private MlKemKeyPair(KemAlgorithm algorithm, MLKemPrivateKeyParameters privateKey)
    {
        Algorithm = algorithm;
        _privateKey = privateKey;
        EncapsulationKey = KemPublicKey.Create(algorithm, privateKey.GetPublicKeyEncoded());
    }

    /// <inheritdoc/>
    public KemAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public KemPublicKey EncapsulationKey { get; }

    /// <summary>Generates a key pair with a seed drawn from <paramref name="random"/> (null: the OS CSPRNG).</summary>
    public static MlKemKeyPair Generate(KemAlgorithm algorithm = KemAlgorithmInfo.Default, RandomNumberGenerator? random = null)
    {
        KemAlgorithmInfo.ThrowIfUndefined(algorithm);
        Span<byte> seed = stackalloc byte[KemAlgorithmInfo.SeedSize];
        RandomNumberGeneratorAdapter.Fill(random, seed);
        try
        {
            return FromSeed(algorithm, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Derives a key pair from the 64-byte seed d || z (ML-KEM.KeyGen_internal).</summary>
    /// <exception cref="ArgumentException">The seed is not 64 bytes.</exception>
    public static MlKemKeyPair FromSeed(KemAlgorithm algorithm, ReadOnlySpan<byte> seed)
    {
        KemAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (seed.Length != KemAlgorithmInfo.SeedSize)
        {
            throw new ArgumentException($"An ML-KEM seed (d || z) is {KemAlgorithmInfo.SeedSize} bytes; got {seed.Length}.", nameof(seed));
        }

        var seedArray = seed.ToArray();
        try
        {
            return new MlKemKeyPair(algorithm, MLKemPrivateKeyParameters.FromSeed(MlKemParameterMap.Get(algorithm), seedArray));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seedArray);
        }
    }

    /// <summary>Imports a FIPS 203 decapsulation key after the §7.3 input check.</summary>
    /// <exception cref="CryptoFormatException">Wrong length, or the embedded hash does not match.</exception>
    public static MlKemKeyPair ImportDecapsulationKey(KemAlgorithm algorithm, ReadOnlySpan<byte> decapsulationKey)
    {
        KemAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (decapsulationKey.Length != algorithm.GetDecapsulationKeySize())
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"{algorithm.GetName()} decapsulation key is {algorithm.GetDecapsulationKeySize()} bytes; got {decapsulationKey.Length}.");
        }

        if (!MlKemKeyValidation.IsValidDecapsulationKey(algorithm, decapsulationKey))
        {
            throw new CryptoFormatException(CryptoFormatError.Malformed, "Decapsulation key fails the FIPS 203 hash check.");
        }

        return new MlKemKeyPair(algorithm, MLKemPrivateKeyParameters.FromEncoding(MlKemParameterMap.Get(algorithm), decapsulationKey.ToArray()));
    }

    /// <summary>The FIPS 203 decapsulation key (dk), for interop and conformance tests.</summary>
    public byte[] ExportDecapsulationKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _privateKey.GetEncoded();
    }

    /// <inheritdoc/>
    public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ciphertext.Length != Algorithm.GetCiphertextSize())
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"{Algorithm.GetName()} ciphertext is {Algorithm.GetCiphertextSize()} bytes; got {ciphertext.Length}.");
        }

        // A decapsulator object is cheap and stateful, so one per call keeps this type thread-safe.
        var decapsulator = new MLKemDecapsulator(_privateKey.Parameters);
        decapsulator.Init(_privateKey);
        var secret = new byte[KemAlgorithmInfo.SharedSecretSize];
        decapsulator.Decapsulate(ciphertext, secret);
        return secret;
    }

    /// <inheritdoc/>
    public void Dispose() => _disposed = true;
}
