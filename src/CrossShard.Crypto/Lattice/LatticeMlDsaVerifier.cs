using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Lattice;

/// <summary>FIPS 204 pure ML-DSA verification with this library's own implementation over a precomputed key.</summary>
/// <remarks>Thread-safe: the key is read-only after decoding. Checked against the NIST ACVP sigVer vectors.</remarks>
internal sealed class LatticeMlDsaVerifier : ISignatureVerifier
{
    private readonly MlDsaVerifyingKey _key;

    public LatticeMlDsaVerifier(SignaturePublicKey publicKey)
    {
        PublicKey = publicKey;
        _key = MlDsaVerifyingKey.Decode(MlDsaParameterSet.For(publicKey.Algorithm), publicKey.KeyBytes);
    }

    /// <inheritdoc/>
    public SignaturePublicKey PublicKey { get; }

    /// <inheritdoc/>
    public bool Verify(ReadOnlySpan<byte> message, Signature signature, SignatureContext context)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(context);

        // Never let a signature of another parameter set reach the engine (no cross-algorithm confusion).
        return signature.Algorithm == PublicKey.Algorithm && MlDsaVerifyEngine.Verify(_key, message, context.Span, signature.Value);
    }
}
