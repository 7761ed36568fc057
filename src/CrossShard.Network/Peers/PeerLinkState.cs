namespace CrossShard.Network.Peers;

/// <summary>Where one outbound peer link is in its dial / handshake / send / back-off cycle.</summary>
public enum PeerLinkState
{
    /// <summary>Opening the gRPC stream to the peer's endpoint.</summary>
    Connecting = 1,

    /// <summary>The stream is open; the session handshake is running.</summary>
    Handshaking = 2,

    /// <summary>A session is established; queued envelopes are being sent.</summary>
    Connected = 3,

    /// <summary>The last attempt failed; waiting before the next dial.</summary>
    BackingOff = 4,

    /// <summary>The network was disposed; the link no longer dials.</summary>
    Stopped = 5,
}
