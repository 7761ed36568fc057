using CrossShard.Crypto.Signing;
using ICipherParameters = Org.BouncyCastle.Crypto.ICipherParameters;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CrossShard.Crypto.BouncyCastle;

/// <summary>FIPS 204 pure ML-DSA signing with BouncyCastle.</summary>
/// <remarks>
/// BouncyCastle's signer object is stateful, so one is created per call; that keeps this type thread-safe
/// and costs little next to the signature itself.
/// </remarks>
internal sealed class BouncyCastleMlDsaSigner : ISigner
{
    private readonly MLDsaPrivateKeyParameters _privateKey;
    private readonly SigningOptions _options;

    public BouncyCastleMlDsaSigner(SignatureAlgorithm algorithm, MLDsaPrivateKeyParameters privateKey, SigningOptions options)
    {
        Algorithm = algorithm;
        _privateKey = privateKey;
        _options = options;
        PublicKey = SignaturePublicKey.Create(algorithm, privateKey.GetPublicKeyEncoded());
    }

    public SignatureAlgorithm Algorithm { get; }

    public SignaturePublicKey PublicKey { get; }

    public Signature Sign(ReadOnlySpan<byte> message, SignatureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deterministic = _options.Mode == SigningMode.Deterministic;
        var signer = new MLDsaSigner(_privateKey.Parameters, deterministic);

        // BouncyCastle unwraps the context first, then the randomness, then expects the key.
        ICipherParameters key = deterministic
            ? _privateKey
            : new ParametersWithRandom(_privateKey, RandomNumberGeneratorAdapter.CreateSecureRandom(_options.Random));
        signer.Init(forSigning: true, new ParametersWithContext(key, context.Span));
        signer.BlockUpdate(message);
        return Signature.Wrap(Algorithm, signer.GenerateSignature());
    }
}
