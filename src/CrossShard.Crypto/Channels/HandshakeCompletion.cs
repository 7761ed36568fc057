namespace CrossShard.Crypto.Channels;

/// <summary>What the initiator has once the ServerHello checks out: the ClientFinish to send and the session to use.</summary>
/// <remarks>
/// Send <see cref="ClientFinish"/> before any record: the responder only has a session once it has verified it.
/// </remarks>
public sealed class HandshakeCompletion
{
    internal HandshakeCompletion(byte[] clientFinish, SecureSession session)
    {
        ClientFinish = clientFinish;
        Session = session;
    }

    /// <summary>The last handshake message, to send to the responder.</summary>
    public byte[] ClientFinish { get; }

    /// <summary>The initiator's end of the channel; the caller owns and disposes it.</summary>
    public SecureSession Session { get; }
}
