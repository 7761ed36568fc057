using CrossShard.Crypto.BouncyCastle;
using CrossShard.Crypto.Lattice;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.Signing;

/// <summary>Entry point for ML-DSA verifiers and imported signers; the one place that picks the implementation.</summary>
/// <remarks>
/// Signing and verification run this library's own FIPS 204 code (src/CrossShard.Crypto/Lattice: keys decoded
/// once, AVX2 arithmetic) wherever the platform has SHAKE, else BouncyCastle, which also generates the keys. Where
/// <c>System.Security.Cryptography.MLDsa.IsSupported</c> holds, this is the seam to switch to the platform
/// implementation without touching callers.
/// </remarks>
public static class MlDsa
{
    /// <summary>Creates a thread-safe verifier for <paramref name="publicKey"/>.</summary>
    /// <remarks>Creation decodes the key; keep one verifier per peer rather than one per message.</remarks>
    public static ISignatureVerifier CreateVerifier(SignaturePublicKey publicKey) => CreateVerifier(publicKey, SignerImplementation.Auto);

    /// <summary>Creates a thread-safe verifier for <paramref name="publicKey"/> running the given implementation.</summary>
    /// <exception cref="PlatformNotSupportedException">The library's own code was asked for where the platform has no SHAKE.</exception>
    public static ISignatureVerifier CreateVerifier(SignaturePublicKey publicKey, SignerImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return SignerFactory.Resolve(implementation) switch
        {
            SignerImplementation.CrossShard => new LatticeMlDsaVerifier(publicKey),
            _ => new BouncyCastleMlDsaVerifier(publicKey),
        };
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
        return SignerFactory.Create(algorithm, key, options ?? SigningOptions.Default);
    }
}
