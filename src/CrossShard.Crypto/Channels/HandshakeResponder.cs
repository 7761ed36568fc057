using System.Security.Cryptography;
using CrossShard.Crypto.BouncyCastle;
using CrossShard.Crypto.Kem;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>The answering side of the session handshake: ClientHello in, ServerHello out, ClientFinish in.</summary>
/// <remarks>
/// <para>
/// Usage: pass the first message to <see cref="ProcessClientHello"/> and send the ServerHello it returns; pass
/// the next message to <see cref="ProcessClientFinish"/> and use the returned session. The initiator must be a
/// shard the resolver knows and must prove it holds that shard's manifest key.
/// </para>
/// <para>
/// One instance per accepted connection, used from one thread. Any rejected input ends the handshake (fail
/// closed); a timeout is the transport's job. The responder signs before the initiator is authenticated, so
/// the transport should rate-limit handshakes per source (each costs one ML-KEM encapsulation and one ML-DSA
/// signature).
/// </para>
/// </remarks>
public sealed class HandshakeResponder : IDisposable
{
    private readonly ISigner _identity;
    private readonly Func<int, SignaturePublicKey?> _resolvePeerKey;
    private readonly HandshakeOptions _options;
    private Step _step;
    private byte[]? _clientHello;
    private byte[]? _serverHello;
    private byte[]? _sharedSecret;
    private SignaturePublicKey? _peerKey;
    private ushort _version;
    private bool _disposed;

    /// <summary>Prepares to answer one handshake as <paramref name="localShardId"/>.</summary>
    /// <param name="identity">This node's ML-DSA identity (its manifest key).</param>
    /// <param name="localShardId">This node's shard (non-negative).</param>
    /// <param name="resolvePeerKey">The cluster manifest: shard id → its ML-DSA key, or null when the shard is unknown.</param>
    /// <param name="options">Cluster id, versions, randomness and session limits.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative shard id.</exception>
    public HandshakeResponder(ISigner identity, int localShardId, Func<int, SignaturePublicKey?> resolvePeerKey, HandshakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(resolvePeerKey);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(localShardId);
        _identity = identity;
        LocalShardId = localShardId;
        _resolvePeerKey = resolvePeerKey;
        _options = options;
    }

    private enum Step
    {
        Created,
        AwaitingClientFinish,
        Completed,
        Failed,
    }

    /// <summary>This node's shard.</summary>
    public int LocalShardId { get; }

    /// <summary>The shard the ClientHello claims to come from, once one was accepted; not authenticated until the ClientFinish verifies.</summary>
    public int? PeerShardId { get; private set; }

    /// <summary>
    /// Checks the ClientHello (cluster, addressee, known initiator and key, version, KEM key), encapsulates a
    /// fresh secret to the initiator's ephemeral key and signs the transcript.
    /// </summary>
    /// <param name="clientHello">The first message of the connection, untrusted.</param>
    /// <returns>The ServerHello to send.</returns>
    /// <exception cref="HandshakeException">The ClientHello is refused; the handshake is over.</exception>
    /// <exception cref="InvalidOperationException">Called twice, or after the handshake ended.</exception>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public byte[] ProcessClientHello(ReadOnlySpan<byte> clientHello)
    {
        Expect(Step.Created, nameof(ProcessClientHello));
        try
        {
            var hello = ClientHello.Parse(clientHello);
            if (hello.ClusterId != _options.ClusterId)
            {
                throw new HandshakeException(HandshakeError.WrongCluster, $"ClientHello is for cluster {hello.ClusterId}; this node is in {_options.ClusterId}.");
            }

            if (hello.ResponderShardId != LocalShardId)
            {
                throw new HandshakeException(HandshakeError.WrongResponder, $"ClientHello is addressed to shard {hello.ResponderShardId}; this is shard {LocalShardId}.");
            }

            if (hello.InitiatorShardId == LocalShardId)
            {
                throw new HandshakeException(HandshakeError.UnknownPeer, $"ClientHello claims to come from this node's own shard {LocalShardId}.");
            }

            var peerKey = _resolvePeerKey(hello.InitiatorShardId)
                ?? throw new HandshakeException(HandshakeError.UnknownPeer, $"Shard {hello.InitiatorShardId} is not in the manifest.");
            if (hello.InitiatorKeyFingerprint != peerKey.Fingerprint)
            {
                throw new HandshakeException(
                    HandshakeError.WrongPeerKey,
                    $"Shard {hello.InitiatorShardId} announces key fingerprint {hello.InitiatorKeyFingerprint}; the manifest has {peerKey}.");
            }

            var version = SelectVersion(hello.OfferedVersions);
            var nonce = new byte[HandshakeProtocol.NonceSize];
            RandomNumberGeneratorAdapter.Fill(_options.Random, nonce);
            using var encapsulation = new MlKemEncapsulator(_options.Random).Encapsulate(hello.EphemeralKey);
            var body = new ServerHello
            {
                SelectedVersion = version,
                Nonce = nonce,
                ResponderKeyFingerprint = _identity.PublicKey.Fingerprint,
                Ciphertext = encapsulation.Ciphertext.ToArray(),
            }.EncodeBody();
            var bodyTranscript = HandshakeSignatures.Transcript(clientHello, body);
            var signature = _identity.Sign(HandshakeSignatures.ResponderPayload(bodyTranscript), SignatureContext.Handshake);

            _clientHello = clientHello.ToArray();
            _serverHello = ServerHello.Encode(body, signature);
            _sharedSecret = encapsulation.SharedSecret.ToArray();
            _peerKey = peerKey;
            _version = version;
            PeerShardId = hello.InitiatorShardId;
            _step = Step.AwaitingClientFinish;
            return (byte[])_serverHello.Clone();
        }
        catch (HandshakeException)
        {
            _step = Step.Failed;
            throw;
        }
    }

    /// <summary>Verifies the initiator's signature over the transcript and derives the session.</summary>
    /// <param name="clientFinish">The initiator's last message, untrusted.</param>
    /// <returns>The responder's session; the caller owns and disposes it.</returns>
    /// <exception cref="HandshakeException">The ClientFinish is refused; the handshake is over.</exception>
    /// <exception cref="InvalidOperationException">Not waiting for a ClientFinish.</exception>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public SecureSession ProcessClientFinish(ReadOnlySpan<byte> clientFinish)
    {
        Expect(Step.AwaitingClientFinish, nameof(ProcessClientFinish));
        try
        {
            var signature = ClientFinish.Parse(clientFinish);
            var helloTranscript = HandshakeSignatures.Transcript(_clientHello, _serverHello);
            HandshakeSignatures.Verify(_peerKey!, HandshakeSignatures.InitiatorPayload(helloTranscript), signature, "ClientFinish");
            var fullTranscript = HandshakeSignatures.Transcript(_clientHello, _serverHello, clientFinish);
            var session = KeySchedule.CreateSession(
                ChannelRole.Responder,
                _sharedSecret,
                fullTranscript,
                new SessionParameters(LocalShardId, PeerShardId!.Value, _peerKey!, _version, _options.Session));
            _step = Step.Completed;
            return session;
        }
        catch (HandshakeException)
        {
            _step = Step.Failed;
            throw;
        }
        finally
        {
            DropSecret();
        }
    }

    /// <summary>Zeroes the shared secret if the handshake did not complete.</summary>
    public void Dispose()
    {
        _disposed = true;
        DropSecret();
    }

    private ushort SelectVersion(IReadOnlyList<ushort> offered)
    {
        var common = offered.Where(_options.SupportedVersions.Contains).ToArray();
        return common.Length > 0
            ? common.Max()
            : throw new HandshakeException(
                HandshakeError.UnsupportedVersion,
                $"No common protocol version: offered [{string.Join(", ", offered)}], supported [{string.Join(", ", _options.SupportedVersions)}].");
    }

    private void DropSecret()
    {
        if (_sharedSecret is not null)
        {
            CryptographicOperations.ZeroMemory(_sharedSecret);
            _sharedSecret = null;
        }
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
