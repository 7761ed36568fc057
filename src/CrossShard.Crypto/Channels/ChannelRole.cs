namespace CrossShard.Crypto.Channels;

/// <summary>Which end of the handshake a session belongs to; fixes which direction key it seals with.</summary>
public enum ChannelRole
{
    /// <summary>The node that sent the ClientHello; seals with the initiator→responder key.</summary>
    Initiator = 1,

    /// <summary>The node that answered with the ServerHello; seals with the responder→initiator key.</summary>
    Responder = 2,
}
