namespace CrossShard.Crypto.Channels;

/// <summary>Why a session handshake was refused; every failure is fatal for that handshake (fail closed).</summary>
public enum HandshakeError
{
    /// <summary>The message ends before its fixed layout does.</summary>
    Truncated = 1,

    /// <summary>The message is longer than its layout allows (trailing bytes, or over the size cap).</summary>
    Oversized = 2,

    /// <summary>A field holds an impossible value (negative shard id, bad key encoding, empty version list, …).</summary>
    Malformed = 3,

    /// <summary>The message type byte is not the one expected at this step.</summary>
    UnexpectedMessage = 4,

    /// <summary>Unknown handshake format byte, no protocol version in common, or a selected version that was never offered.</summary>
    UnsupportedVersion = 5,

    /// <summary>The KEM or signature algorithm is not one this handshake accepts.</summary>
    UnsupportedAlgorithm = 6,

    /// <summary>The ClientHello names another cluster.</summary>
    WrongCluster = 7,

    /// <summary>The ClientHello is addressed to another shard than the responder's.</summary>
    WrongResponder = 8,

    /// <summary>The claimed peer shard has no key in the manifest (or is the local shard itself).</summary>
    UnknownPeer = 9,

    /// <summary>The peer announces a key fingerprint that differs from the manifest key for its shard.</summary>
    WrongPeerKey = 10,

    /// <summary>The peer's transcript signature does not verify under the manifest key.</summary>
    BadSignature = 11,
}
