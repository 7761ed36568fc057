using CrossShard.Crypto.Kem;

namespace CrossShard.Crypto.Channels;

/// <summary>Wire constants of the session handshake (docs/handshake.md has the full layouts).</summary>
public static class HandshakeProtocol
{
    /// <summary>The node protocol version this build speaks and offers by default.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>The handshake message format byte this build reads and writes (second byte of every message).</summary>
    public const byte FormatVersion = 1;

    /// <summary>Message type byte of the ClientHello (initiator → responder).</summary>
    public const byte ClientHelloType = 1;

    /// <summary>Message type byte of the ServerHello (responder → initiator).</summary>
    public const byte ServerHelloType = 2;

    /// <summary>Message type byte of the ClientFinish (initiator → responder).</summary>
    public const byte ClientFinishType = 3;

    /// <summary>Length of each side's random nonce, in bytes.</summary>
    public const int NonceSize = 32;

    /// <summary>The only KEM the handshake accepts: ML-KEM-768 (PROTOCOL.md §4).</summary>
    public const KemAlgorithm Kem = KemAlgorithm.MlKem768;

    /// <summary>Largest ClientHello: 8 offered versions.</summary>
    public const int MaxClientHelloSize = ClientHelloFixedSize + (2 * HandshakeOptions.MaxOfferedVersions);

    /// <summary>ClientHello bytes apart from the 2-byte entries of the version list.</summary>
    internal const int ClientHelloFixedSize = 3 + 32 + 4 + 4 + NonceSize + 32 + 1 + 1184;

    /// <summary>ServerHello bytes before the encoded signature.</summary>
    internal const int ServerHelloBodySize = 4 + NonceSize + 32 + 1088;
}
