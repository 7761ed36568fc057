using System.Security.Cryptography;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>Turns the ML-KEM shared secret and the full transcript hash into a <see cref="SecureSession"/>.</summary>
/// <remarks>
/// master = KDF(K, "master secret", TH, 32); session id = KDF(master, "session id", "", 32);
/// S_i2r = KDF(master, "traffic initiator-to-responder", "", 32); S_r2i = KDF(master,
/// "traffic responder-to-initiator", "", 32). TH covers all three handshake messages, so the keys are bound to
/// both identities, both nonces, the ephemeral key, the ciphertext, the version and both signatures.
/// </remarks>
internal static class KeySchedule
{
    public static SecureSession CreateSession(
        ChannelRole role,
        ReadOnlySpan<byte> sharedSecret,
        Hash256 transcript,
        SessionParameters parameters)
    {
        Span<byte> transcriptBytes = stackalloc byte[Hash256.Size];
        transcript.CopyTo(transcriptBytes);
        Span<byte> master = stackalloc byte[32];
        Span<byte> sessionId = stackalloc byte[Hash256.Size];
        var initiatorToResponder = new byte[TrafficKey.SecretSize];
        var responderToInitiator = new byte[TrafficKey.SecretSize];
        try
        {
            ChannelKdf.Derive(sharedSecret, "master secret"u8, transcriptBytes, master);
            ChannelKdf.Derive(master, "session id"u8, default, sessionId);
            ChannelKdf.Derive(master, "traffic initiator-to-responder"u8, default, initiatorToResponder);
            ChannelKdf.Derive(master, "traffic responder-to-initiator"u8, default, responderToInitiator);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }

        var (send, receive) = role == ChannelRole.Initiator
            ? (initiatorToResponder, responderToInitiator)
            : (responderToInitiator, initiatorToResponder);
        return new SecureSession(role, Hash256.FromBytes(sessionId), parameters, send, receive);
    }
}

/// <summary>The authenticated facts about a finished handshake that a session reports.</summary>
internal sealed record SessionParameters(
    int LocalShardId,
    int PeerShardId,
    SignaturePublicKey PeerKey,
    ushort ProtocolVersion,
    SecureSessionOptions Options);
