namespace CrossShard.Crypto;

/// <summary>Thrown when encoded key, signature, proof or batch bytes are malformed.</summary>
/// <remarks>
/// Decoding untrusted input throws this single type so the transport can reject bad input with one typed
/// error; <see cref="Error"/> says which check failed.
/// </remarks>
public sealed class CryptoFormatException : FormatException
{
    /// <summary>Creates an exception for a failed decoding check.</summary>
    /// <param name="error">Which check failed.</param>
    /// <param name="message">Human-readable detail.</param>
    public CryptoFormatException(CryptoFormatError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Which decoding check failed.</summary>
    public CryptoFormatError Error { get; }
}
