using System.Security.Cryptography;
using CrossShard.Crypto.BouncyCastle;
using CrossShard.Crypto.Kem;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>The calling side of the session handshake: ClientHello out, ServerHello in, ClientFinish out.</summary>
/// <remarks>
/// <para>
/// Usage: <see cref="CreateClientHello"/>, send it; pass the reply to <see cref="ProcessServerHello"/>, send the
/// returned ClientFinish, then use the returned session. The responder must prove it holds the manifest key
/// the caller expects for the shard it dials; the initiator's ephemeral ML-KEM-768 key gives forward secrecy.
/// </para>
/// <para>
/// One instance per connection attempt, used from one thread. Any rejected input ends the handshake (fail
/// closed); a timeout is the transport's job. Dispose drops the ephemeral key if the handshake is abandoned.
/// </para>
/// </remarks>
public sealed class HandshakeInitiator : IDisposable
{
    private readonly ISigner _identity;
    private readonly SignaturePublicKey _expectedPeerKey;
    private readonly HandshakeOptions _options;
    private Step _step;
    private MlKemKeyPair? _ephemeral;
    private byte[]? _clientHello;
    private bool _disposed;

    /// <summary>Prepares a handshake from <paramref name="localShardId"/> to <paramref name="peerShardId"/>.</summary>
    /// <param name="identity">This node's ML-DSA identity (its manifest key).</param>
    /// <param name="localShardId">This node's shard (non-negative).</param>
    /// <param name="peerShardId">The shard being dialled (non-negative, not the local one).</param>
    /// <param name="expectedPeerKey">The manifest key of <paramref name="peerShardId"/>; nothing else is accepted.</param>
    /// <param name="options">Cluster id, versions, randomness and session limits.</param>
    /// <exception cref="ArgumentException">A negative shard id, or the peer is the local shard.</exception>
    public HandshakeInitiator(ISigner identity, int localShardId, int peerShardId, SignaturePublicKey expectedPeerKey, HandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(expectedPeerKey);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(localShardId);
        ArgumentOutOfRangeException.ThrowIfNegative(peerShardId);
        if (localShardId == peerShardId)
        {
            throw new ArgumentException("A node does not handshake with its own shard.", nameof(peerShardId));
        }

        _identity = identity;
        LocalShardId = localShardId;
        PeerShardId = peerShardId;
        _expectedPeerKey = expectedPeerKey;
        _options = options;
    }

    private enum Step
    {
        Created,
        AwaitingServerHello,
        Completed,
        Failed,
    }

    /// <summary>This node's shard.</summary>
    public int LocalShardId { get; }

    /// <summary>The shard being dialled.</summary>
    public int PeerShardId { get; }

    /// <summary>Creates the ClientHello with a fresh nonce and a fresh ephemeral ML-KEM-768 key; call once.</summary>
    /// <exception cref="InvalidOperationException">Called twice, or after the handshake ended.</exception>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public byte[] CreateClientHello()
    {
        Expect(Step.Created, nameof(CreateClientHello));
        var nonce = new byte[HandshakeProtocol.NonceSize];
        RandomNumberGeneratorAdapter.Fill(_options.Random, nonce);
        _ephemeral = MlKemKeyPair.Generate(HandshakeProtocol.Kem, _options.Random);
        _clientHello = new ClientHello
        {
            OfferedVersions = _options.SupportedVersions,
            ClusterId = _options.ClusterId,
            InitiatorShardId = LocalShardId,
            ResponderShardId = PeerShardId,
            Nonce = nonce,
            InitiatorKeyFingerprint = _identity.PublicKey.Fingerprint,
            EphemeralKey = _ephemeral.EncapsulationKey,
        }.Encode();
        _step = Step.AwaitingServerHello;
        return (byte[])_clientHello.Clone();
    }

    /// <summary>
    /// Checks the ServerHello (version offered, responder key = manifest key, signature over the transcript),
    /// recovers the shared secret, signs the transcript and derives the session.
    /// </summary>
    /// <param name="serverHello">The responder's reply, untrusted.</param>
    /// <returns>The ClientFinish to send and the initiator's session.</returns>
    /// <exception cref="HandshakeException">The ServerHello is refused; the handshake is over.</exception>
    /// <exception cref="InvalidOperationException">Not waiting for a ServerHello.</exception>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public HandshakeCompletion ProcessServerHello(ReadOnlySpan<byte> serverHello)
    {
        Expect(Step.AwaitingServerHello, nameof(ProcessServerHello));
        byte[]? sharedSecret = null;
        try
        {
            var (body, signature) = ServerHello.Parse(serverHello);
            if (!_options.SupportedVersions.Contains(body.SelectedVersion))
            {
                throw new HandshakeException(HandshakeError.UnsupportedVersion, $"ServerHello selects version {body.SelectedVersion}, which was not offered.");
            }

            if (body.ResponderKeyFingerprint != _expectedPeerKey.Fingerprint)
            {
                throw new HandshakeException(
                    HandshakeError.WrongPeerKey,
                    $"Shard {PeerShardId} answered with key fingerprint {body.ResponderKeyFingerprint}; the manifest has {_expectedPeerKey}.");
            }

            var clientHello = _clientHello!;
            var bodyTranscript = HandshakeSignatures.Transcript(clientHello, serverHello[..HandshakeProtocol.ServerHelloBodySize]);
            HandshakeSignatures.Verify(_expectedPeerKey, HandshakeSignatures.ResponderPayload(bodyTranscript), signature, "ServerHello");

            sharedSecret = _ephemeral!.Decapsulate(body.Ciphertext);
            var helloTranscript = HandshakeSignatures.Transcript(clientHello, serverHello);
            var finishSignature = _identity.Sign(HandshakeSignatures.InitiatorPayload(helloTranscript), SignatureContext.Handshake);
            var clientFinish = ClientFinish.Encode(finishSignature);
            var fullTranscript = HandshakeSignatures.Transcript(clientHello, serverHello, clientFinish);
            var session = KeySchedule.CreateSession(
                ChannelRole.Initiator,
                sharedSecret,
                fullTranscript,
                new SessionParameters(LocalShardId, PeerShardId, _expectedPeerKey, body.SelectedVersion, _options.Session));
            _step = Step.Completed;
            return new HandshakeCompletion(clientFinish, session);
        }
        catch (HandshakeException)
        {
            _step = Step.Failed;
            throw;
        }
        finally
        {
            if (sharedSecret is not null)
            {
                CryptographicOperations.ZeroMemory(sharedSecret);
            }

            if (_step != Step.AwaitingServerHello)
            {
                DropEphemeral();
            }
        }
    }

    /// <summary>Drops the ephemeral KEM key if the handshake did not complete.</summary>
    public void Dispose()
    {
        _disposed = true;
        DropEphemeral();
    }

    private void DropEphemeral()
    {
        _ephemeral?.Dispose();
        _ephemeral = null;
    }

    private void Expect(Step step, string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_step != step)
        {
            throw new InvalidOperationException($"{operation} is not valid now: the handshake is {_step}.");
        }
    }
}
