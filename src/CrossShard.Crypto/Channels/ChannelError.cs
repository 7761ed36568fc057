namespace CrossShard.Crypto.Channels;

/// <summary>Why a record was refused by <see cref="SecureSession"/>.</summary>
public enum ChannelError
{
    /// <summary>The record is shorter than its header plus tag, or than the length its header announces.</summary>
    Truncated = 1,

    /// <summary>The record is longer than the length its header announces.</summary>
    Malformed = 2,

    /// <summary>The record format byte is not one this build reads.</summary>
    UnsupportedVersion = 3,

    /// <summary>The plaintext is longer than <see cref="SecureSessionOptions.MaxRecordSize"/>.</summary>
    RecordTooLarge = 4,

    /// <summary>The sequence number was already received (a replayed record).</summary>
    Replayed = 5,

    /// <summary>The sequence number is ahead of the next expected one (a dropped or reordered record).</summary>
    OutOfOrder = 6,

    /// <summary>The epoch is neither the current receive epoch nor the one after it.</summary>
    EpochMismatch = 7,

    /// <summary>The sender went past the record or byte limit of a key without rekeying.</summary>
    RekeyOverdue = 8,

    /// <summary>The AES-GCM tag does not verify: tampered header, ciphertext, tag or associated data, or the wrong key.</summary>
    AuthenticationFailed = 9,

    /// <summary>The 64-bit sequence number or the 32-bit epoch is used up; a new handshake is needed.</summary>
    SequenceExhausted = 10,

    /// <summary>An earlier record failed to open, so the receive direction is closed for good.</summary>
    Faulted = 11,
}
