using CrossShard.Crypto.BouncyCastle;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.Signing;

/// <summary>Entry point for ML-DSA verifiers and imported signers; the one place that picks the implementation.</summary>
/// <remarks>
/// Everything is BouncyCastle today. Where <c>System.Security.Cryptography.MLDsa.IsSupported</c> holds, this is
/// the seam to switch to the platform implementation without touching callers.
/// </remarks>
public static class MlDsa
{
    /// <summary>Creates a thread-safe verifier for <paramref name="publicKey"/>.</summary>
    /// <remarks>Creation decodes the key; keep one verifier per peer rather than one per message.</remarks>
    public static ISignatureVerifier CreateVerifier(SignaturePublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new BouncyCastleMlDsaVerifier(publicKey);
    }

    /// <summary>Creates a signer from a FIPS 204 expanded private key (sk), for interop and conformance tests.</summary>
    /// <remarks>Node identities are stored as 32-byte seeds instead; see <see cref="NodeIdentity"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Unknown algorithm.</exception>
    /// <exception cref="CryptoFormatException">The sk has the wrong length.</exception>
    public static ISigner ImportPrivateKey(SignatureAlgorithm algorithm, ReadOnlySpan<byte> privateKey, SigningOptions? options = null)
    {
        SignatureAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (privateKey.Length != algorithm.GetPrivateKeySize())
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"{algorithm.GetName()} private key is {algorithm.GetPrivateKeySize()} bytes; got {privateKey.Length}.");
        }

        var key = MLDsaPrivateKeyParameters.FromEncoding(MlDsaParameterMap.Get(algorithm), privateKey.ToArray());
        return new BouncyCastleMlDsaSigner(algorithm, key, options ?? SigningOptions.Default);
    }
}
