namespace CrossShard.Crypto.Channels;

/// <summary>Thrown when <see cref="SecureSession"/> refuses to seal or open a record.</summary>
/// <remarks>
/// Every rejection of untrusted record bytes is this one type; <see cref="Error"/> says which check failed.
/// A failed <see cref="SecureSession.Open(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> closes the receive
/// direction (later calls fail with <see cref="ChannelError.Faulted"/>): the caller drops the connection and
/// runs a new handshake.
/// </remarks>
public sealed class ChannelException : Exception
{
    /// <summary>Creates an exception for a refused record.</summary>
    /// <param name="error">Which check failed.</param>
    /// <param name="message">Human-readable detail; never contains secret material.</param>
    public ChannelException(ChannelError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Which check failed.</summary>
    public ChannelError Error { get; }
}
