namespace CrossShard.Crypto.Channels;

/// <summary>Thrown when a handshake message is rejected; the handshake is then dead and must be restarted.</summary>
/// <remarks>
/// Handshake input is untrusted, so every rejection of it is this one type with a <see cref="HandshakeError"/>
/// that the transport can count and log without parsing messages.
/// </remarks>
public sealed class HandshakeException : Exception
{
    /// <summary>Creates an exception for a rejected handshake message.</summary>
    /// <param name="error">Which check failed.</param>
    /// <param name="message">Human-readable detail; never contains secret material.</param>
    public HandshakeException(HandshakeError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception for a rejected handshake message caused by a lower-level decoding error.</summary>
    /// <param name="error">Which check failed.</param>
    /// <param name="message">Human-readable detail; never contains secret material.</param>
    /// <param name="innerException">The decoding error.</param>
    public HandshakeException(HandshakeError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Which check failed.</summary>
    public HandshakeError Error { get; }
}
