using CrossShard.Crypto.BouncyCastle;
using CrossShard.Crypto.Lattice;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.Signing;

/// <summary>Builds the signer <see cref="SigningOptions.Implementation"/> asks for from a BouncyCastle private key.</summary>
internal static class SignerFactory
{
    /// <summary>The concrete implementation <paramref name="requested"/> stands for on this platform.</summary>
    /// <exception cref="PlatformNotSupportedException">The library's own code was asked for where the platform has no SHAKE.</exception>
    public static SignerImplementation Resolve(SignerImplementation requested) => requested switch
    {
        SignerImplementation.Auto => LatticeMlDsaSigner.IsSupported ? SignerImplementation.CrossShard : SignerImplementation.BouncyCastle,
        SignerImplementation.CrossShard when !LatticeMlDsaSigner.IsSupported =>
            throw new PlatformNotSupportedException("This platform has no SHAKE128/SHAKE256; use SignerImplementation.BouncyCastle."),
        SignerImplementation.CrossShard or SignerImplementation.BouncyCastle => requested,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown signer implementation."),
    };

    /// <summary>The signer <paramref name="options"/> asks for, over <paramref name="privateKey"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">The library's signer was asked for where the platform has no SHAKE.</exception>
    public static ISigner Create(SignatureAlgorithm algorithm, MLDsaPrivateKeyParameters privateKey, SigningOptions options)
    {
        if (Resolve(options.Implementation) == SignerImplementation.BouncyCastle)
        {
            return new BouncyCastleMlDsaSigner(algorithm, privateKey, options);
        }

        var publicKey = SignaturePublicKey.Create(algorithm, privateKey.GetPublicKeyEncoded());
        return LatticeMlDsaSigner.Create(algorithm, privateKey.GetEncoded(), publicKey, options);
    }
}
