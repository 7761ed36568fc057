namespace CrossShard.Crypto.Signing;

/// <summary>Checks signatures against one public key; hides the ML-DSA implementation behind it.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ISignatureVerifier
{
    /// <summary>The key signatures are checked against.</summary>
    SignaturePublicKey PublicKey { get; }

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> under
    /// <paramref name="context"/> by this key. A signature of another algorithm is simply invalid.
    /// </summary>
    bool Verify(ReadOnlySpan<byte> message, Signature signature, SignatureContext context);
}
