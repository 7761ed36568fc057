using CrossShard.Crypto.Signing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CrossShard.Crypto.BouncyCastle;

/// <summary>FIPS 204 pure ML-DSA verification with BouncyCastle.</summary>
/// <remarks>The decoded key is kept (it is immutable); a BouncyCastle signer is created per call for thread safety.</remarks>
internal sealed class BouncyCastleMlDsaVerifier : ISignatureVerifier
{
    private readonly MLDsaPublicKeyParameters _key;

    public BouncyCastleMlDsaVerifier(SignaturePublicKey publicKey)
    {
        PublicKey = publicKey;
        _key = MLDsaPublicKeyParameters.FromEncoding(MlDsaParameterMap.Get(publicKey.Algorithm), publicKey.KeyArray);
    }

    public SignaturePublicKey PublicKey { get; }

    public bool Verify(ReadOnlySpan<byte> message, Signature signature, SignatureContext context)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(context);

        // Never let a signature of another parameter set reach the engine (no cross-algorithm confusion).
        if (signature.Algorithm != PublicKey.Algorithm)
        {
            return false;
        }

        var verifier = new MLDsaSigner(_key.Parameters, deterministic: true);
        verifier.Init(forSigning: false, new ParametersWithContext(_key, context.Span));
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ValueArray);
    }
}
