namespace CrossShard.Network.Peers;

/// <summary>Why a peer-link stream was closed with an error; sent as the <c>crossshard-error</c> trailer (docs/wire-grpc.md).</summary>
public enum PeerStreamError
{
    /// <summary>The handshake was refused; the <c>crossshard-reason</c> trailer names the <see cref="Crypto.Channels.HandshakeError"/>.</summary>
    HandshakeRefused = 1,

    /// <summary>The handshake did not complete within <see cref="PeerNetworkOptions.HandshakeTimeout"/>.</summary>
    HandshakeTimeout = 2,

    /// <summary>The other side ended the stream before the handshake completed.</summary>
    HandshakeAbandoned = 3,

    /// <summary>A frame of the wrong kind for the step (e.g. a sealed record before the handshake), or an empty frame.</summary>
    UnexpectedFrame = 4,

    /// <summary>A frame larger than the limit of its step (<see cref="PeerNetworkOptions.MaxFrameBytes"/> for records).</summary>
    FrameTooLarge = 5,

    /// <summary>A sealed record the session refused (tampered, replayed, reordered, wrong key...); the <c>crossshard-reason</c> trailer names the <see cref="Crypto.Channels.ChannelError"/>.</summary>
    RecordRejected = 6,

    /// <summary>A record that opened but whose plaintext is not a well-formed list of length-prefixed envelopes.</summary>
    MalformedBatch = 7,

    /// <summary>The node has no registered sink or is shutting down; the dialler retries later.</summary>
    NotServing = 8,

    /// <summary>Too many handshakes in progress (<see cref="PeerNetworkOptions.MaxConcurrentHandshakes"/>); the dialler retries later.</summary>
    Busy = 9,

    /// <summary>A newer stream from the same authenticated peer replaced this one.</summary>
    Superseded = 10,
}
