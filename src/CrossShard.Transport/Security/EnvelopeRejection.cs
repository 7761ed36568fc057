namespace CrossShard.Transport.Security;

/// <summary>Why an envelope was refused before anything in it reached the protocol.</summary>
public enum EnvelopeRejection
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>Truncated, inconsistent lengths, or garbage.</summary>
    Malformed,

    /// <summary>Larger than the envelope or message size limits.</summary>
    Oversized,

    /// <summary>A format version this node does not speak.</summary>
    UnsupportedVersion,

    /// <summary>Addressed to another cluster.</summary>
    WrongCluster,

    /// <summary>Addressed to another node.</summary>
    WrongReceiver,

    /// <summary>The sender is not in the manifest (no key to verify with).</summary>
    UnknownSender,

    /// <summary>The batch signature does not verify under the sender's key (includes a wrong context or any altered byte).</summary>
    BadSignature,

    /// <summary>A sequence number already seen, below the replay window, or from an older epoch of the sender.</summary>
    Replayed,

    /// <summary>A message inside names a sender other than the envelope's authenticated sender.</summary>
    SenderMismatch,

    /// <summary>A message inside does not decode.</summary>
    MalformedMessage,

    /// <summary>
    /// The envelope carries no signature (sent by a node started with signatures off) and this node requires them:
    /// refused whatever it holds, so turning signatures off on one side can never downgrade the other.
    /// </summary>
    Unsigned,
}
