namespace CrossShard.Transport.Wire;

/// <summary>The first byte of an encoded protocol message. Values are part of the wire format.</summary>
public enum MessageKind : byte
{
    /// <summary><see cref="Core.Messages.Prepare"/>.</summary>
    Prepare = 1,

    /// <summary><see cref="Core.Messages.Vote"/>.</summary>
    Vote = 2,

    /// <summary><see cref="Core.Messages.Decision"/>.</summary>
    Decision = 3,

    /// <summary><see cref="Core.Messages.Ack"/>.</summary>
    Ack = 4,

    /// <summary><see cref="Core.Messages.StatusQuery"/>.</summary>
    StatusQuery = 5,

    /// <summary><see cref="Core.Messages.Heartbeat"/>.</summary>
    Heartbeat = 6,

    /// <summary><see cref="Core.Messages.PeerStatusQuery"/>.</summary>
    PeerStatusQuery = 7,

    /// <summary><see cref="Core.Messages.PeerDecision"/>.</summary>
    PeerDecision = 8,
}
