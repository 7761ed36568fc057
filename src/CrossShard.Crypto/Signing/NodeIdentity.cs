using System.Security.Cryptography;
using CrossShard.Crypto.BouncyCastle;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.Signing;

/// <summary>A node's signing key pair, derived from a 32-byte seed ξ by FIPS 204 ML-DSA.KeyGen_internal.</summary>
/// <remarks>
/// Only the seed is ever persisted (see <c>NodeKeyFile</c>): it is small, and the expanded key is re-derived
/// deterministically. Thread-safe. Dispose zeroes this object's copy of the seed and the signer's decoded secrets;
/// the expanded key inside BouncyCastle's key object (kept for key generation and export) cannot be wiped and lives
/// until collected.
/// </remarks>
public sealed class NodeIdentity : ISigner, IDisposable
{
    private readonly byte[] _seed;
    private readonly MLDsaPrivateKeyParameters _privateKey;
    private readonly ISigner _signer;
    private bool _disposed;

    private NodeIdentity(SignatureAlgorithm algorithm, byte[] seed, SigningOptions options)
    {
        _seed = seed;
        _privateKey = MLDsaPrivateKeyParameters.FromSeed(MlDsaParameterMap.Get(algorithm), seed);
        _signer = SignerFactory.Create(algorithm, _privateKey, options);
    }

    /// <inheritdoc/>
    public SignatureAlgorithm Algorithm => _signer.Algorithm;

    /// <inheritdoc/>
    public SignaturePublicKey PublicKey => _signer.PublicKey;

    /// <summary>Derives the identity from seed ξ (copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown algorithm.</exception>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public static NodeIdentity FromSeed(SignatureAlgorithm algorithm, ReadOnlySpan<byte> seed, SigningOptions? options = null)
    {
        SignatureAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (seed.Length != SignatureAlgorithmInfo.SeedSize)
        {
            throw new ArgumentException($"An ML-DSA seed is {SignatureAlgorithmInfo.SeedSize} bytes; got {seed.Length}.", nameof(seed));
        }

        return new NodeIdentity(algorithm, seed.ToArray(), options ?? SigningOptions.Default);
    }

    /// <summary>Creates a fresh identity with a seed drawn from <paramref name="random"/> (null: the OS CSPRNG).</summary>
    public static NodeIdentity Generate(
        SignatureAlgorithm algorithm = SignatureAlgorithmInfo.Default,
        RandomNumberGenerator? random = null,
        SigningOptions? options = null)
    {
        SignatureAlgorithmInfo.ThrowIfUndefined(algorithm);
        var seed = new byte[SignatureAlgorithmInfo.SeedSize];
        RandomNumberGeneratorAdapter.Fill(random, seed);
        return new NodeIdentity(algorithm, seed, options ?? SigningOptions.Default);
    }

    /// <inheritdoc/>
    public Signature Sign(ReadOnlySpan<byte> message, SignatureContext context)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _signer.Sign(message, context);
    }

    /// <summary>
    /// The FIPS 204 expanded private key (sk), for interop and conformance tests. Never persist it: the seed
    /// is the stored form.
    /// </summary>
    public byte[] ExportExpandedPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _privateKey.GetEncoded();
    }

    /// <summary>A copy of the seed ξ, for writing the key file.</summary>
    internal byte[] ExportSeed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_seed.Clone();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_seed);
        (_signer as IDisposable)?.Dispose();
    }
}
