namespace CrossShard.Crypto.Signing;

/// <summary>Produces signatures with one private key; hides the ML-DSA implementation behind it.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ISigner
{
    /// <summary>The signature algorithm.</summary>
    SignatureAlgorithm Algorithm { get; }

    /// <summary>The public key that verifies this signer's signatures.</summary>
    SignaturePublicKey PublicKey { get; }

    /// <summary>Signs <paramref name="message"/> under <paramref name="context"/> (FIPS 204 pure ML-DSA).</summary>
    Signature Sign(ReadOnlySpan<byte> message, SignatureContext context);
}
