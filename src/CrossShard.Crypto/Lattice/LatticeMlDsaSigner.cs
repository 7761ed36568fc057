using System.Security.Cryptography;
using CrossShard.Crypto.BouncyCastle;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Lattice;

/// <summary>FIPS 204 pure ML-DSA signing with this library's own implementation over a precomputed key.</summary>
/// <remarks>
/// Thread-safe: the key is read-only after decoding and every signature has its own working memory. Checked
/// against the NIST ACVP sigGen vectors and, byte for byte in deterministic mode, against BouncyCastle.
/// </remarks>
internal sealed class LatticeMlDsaSigner : ISigner, IDisposable
{
    private readonly MlDsaSigningKey _key;
    private readonly SigningOptions _options;

    private LatticeMlDsaSigner(SignatureAlgorithm algorithm, MlDsaSigningKey key, SignaturePublicKey publicKey, SigningOptions options)
    {
        Algorithm = algorithm;
        _key = key;
        _options = options;
        PublicKey = publicKey;
    }

    /// <summary>True when the platform provides the SHAKE functions this implementation hashes with.</summary>
    public static bool IsSupported => Shake128.IsSupported && Shake256.IsSupported;

    /// <inheritdoc/>
    public SignatureAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public SignaturePublicKey PublicKey { get; }

    /// <summary>Decodes <paramref name="privateKey"/> (sk) once for all later signatures.</summary>
    public static LatticeMlDsaSigner Create(SignatureAlgorithm algorithm, ReadOnlySpan<byte> privateKey, SignaturePublicKey publicKey, SigningOptions options) =>
        new(algorithm, MlDsaSigningKey.Decode(MlDsaParameterSet.For(algorithm), privateKey), publicKey, options);

    /// <inheritdoc/>
    public Signature Sign(ReadOnlySpan<byte> message, SignatureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Span<byte> rnd = stackalloc byte[32];
        if (_options.Mode == SigningMode.Hedged)
        {
            RandomNumberGeneratorAdapter.Fill(_options.Random, rnd);
        }
        else
        {
            rnd.Clear();
        }

        var value = MlDsaSignEngine.Sign(_key, message, context.Span, rnd);
        CryptographicOperations.ZeroMemory(rnd);
        return Signature.Wrap(Algorithm, value);
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
