using CrossShard.Crypto.Channels;

namespace CrossShard.Network.Peers;

/// <summary>Limits and timings of a node's gRPC peer links (<see cref="GrpcPeerNetwork"/>); immutable, validated on set.</summary>
/// <remarks>
/// <para>
/// <see cref="MaxFrameBytes"/> fixes the largest record a node sends and accepts, so keep it cluster-wide: a peer
/// that seals larger records than this node accepts is cut off (docs/wire-grpc.md, "Limits").
/// </para>
/// <para>
/// Adding a setting: give it a default that is safe on its own, validate it in its <c>init</c> accessor (and in
/// <see cref="Validate"/> when it depends on another one), state default and range in its doc, and say in
/// docs/wire-grpc.md whether other nodes must agree on it.
/// </para>
/// </remarks>
public sealed record PeerNetworkOptions
{
    /// <summary>Largest handshake frame either side accepts: far above the largest handshake message (ML-DSA-87 ClientFinish, 4630 bytes).</summary>
    public const int MaxHandshakeFrameBytes = 16 * 1024;

    /// <summary>Bytes protobuf adds around a frame's payload: one tag byte and a varint length of at most 5 bytes.</summary>
    public const int FrameEncodingOverhead = 6;

    /// <summary>Length prefix in front of every envelope inside a record's plaintext (u32 little-endian).</summary>
    public const int EnvelopeLengthPrefix = 4;

    /// <summary>Default <see cref="MaxFrameBytes"/>: the largest record a session allows, 16 MiB of plaintext plus the record overhead.</summary>
    public const int DefaultMaxFrameBytes = SecureSessionOptions.MaxMaxRecordSize + SecureSession.Overhead;

    // The smallest frame that can still carry a one-byte envelope.
    private const int MinFrameBytes = SecureSession.Overhead + EnvelopeLengthPrefix + 1;

    private readonly int _maxQueuedEnvelopes = 4096;
    private readonly long _maxQueuedBytes = 64L << 20;
    private readonly int _maxFrameBytes = DefaultMaxFrameBytes;
    private readonly int _maxBatchBytes = 1 << 20;
    private readonly TimeSpan _reconnectBaseDelay = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _reconnectMaxDelay = TimeSpan.FromSeconds(5);
    private readonly TimeSpan _handshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _keepAliveInterval = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(20);
    private readonly int _maxConcurrentHandshakes = 16;
    private readonly TimeSpan _logInterval = TimeSpan.FromSeconds(30);

    /// <summary>The defaults.</summary>
    public static PeerNetworkOptions Default { get; } = new();

    /// <summary>Envelopes waiting per peer before new ones are dropped (and counted). Default 4096; range 1..1,000,000.</summary>
    public int MaxQueuedEnvelopes
    {
        get => _maxQueuedEnvelopes;
        init => _maxQueuedEnvelopes = InRange(value, 1, 1_000_000);
    }

    /// <summary>Envelope bytes waiting per peer before new envelopes are dropped (and counted). Default 64 MiB; range 1 byte..16 GiB.</summary>
    public long MaxQueuedBytes
    {
        get => _maxQueuedBytes;
        init => _maxQueuedBytes = InRange(value, 1L, 16L << 30);
    }

    /// <summary>
    /// Largest sealed record sent or accepted, in bytes, record overhead (33) included; also sets the gRPC message
    /// limits (<see cref="MaxGrpcMessageBytes"/>). Default 16 MiB + 33; range 38..16 MiB + 33. Keep it cluster-wide.
    /// </summary>
    public int MaxFrameBytes
    {
        get => _maxFrameBytes;
        init => _maxFrameBytes = InRange(value, MinFrameBytes, DefaultMaxFrameBytes);
    }

    /// <summary>
    /// Envelope bytes (length prefixes included) coalesced into one record while a queue drains; one envelope larger
    /// than this still travels alone. Default 1 MiB; range 5..16 MiB; a value above <see cref="MaxRecordPlaintextBytes"/> acts as that.
    /// </summary>
    public int MaxBatchBytes
    {
        get => _maxBatchBytes;
        init => _maxBatchBytes = InRange(value, EnvelopeLengthPrefix + 1, SecureSessionOptions.MaxMaxRecordSize);
    }

    /// <summary>First delay before redialling a failed link; doubles per failure, with jitter. Default 100 ms; range 1 ms..1 min.</summary>
    public TimeSpan ReconnectBaseDelay
    {
        get => _reconnectBaseDelay;
        init => _reconnectBaseDelay = InRange(value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>Largest delay before redialling (before jitter). Default 5 s; range 1 ms..10 min, at least <see cref="ReconnectBaseDelay"/>.</summary>
    public TimeSpan ReconnectMaxDelay
    {
        get => _reconnectMaxDelay;
        init => _reconnectMaxDelay = InRange(value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10));
    }

    /// <summary>Time from dialling (or accepting a stream) to an established session; also the TCP connect timeout. Default 10 s; range 10 ms..5 min.</summary>
    public TimeSpan HandshakeTimeout
    {
        get => _handshakeTimeout;
        init => _handshakeTimeout = InRange(value, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
    }

    /// <summary>Idle time after which the dialling side sends an HTTP/2 ping, so a dead peer is noticed. Default 10 s; range 100 ms..1 h.</summary>
    public TimeSpan KeepAliveInterval
    {
        get => _keepAliveInterval;
        init => _keepAliveInterval = InRange(value, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
    }

    /// <summary>How long a ping may go unanswered before the connection is dropped and redialled. Default 20 s; range 100 ms..1 h.</summary>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        init => _keepAliveTimeout = InRange(value, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
    }

    /// <summary>
    /// Inbound handshakes in progress at once; more are refused with RESOURCE_EXHAUSTED. Each costs an ML-KEM
    /// encapsulation and an ML-DSA signature before the caller is authenticated, so this bounds that work. Default 16; range 1..10,000.
    /// </summary>
    public int MaxConcurrentHandshakes
    {
        get => _maxConcurrentHandshakes;
        init => _maxConcurrentHandshakes = InRange(value, 1, 10_000);
    }

    /// <summary>A repeating failure (same link, or same refusal from the same source) is logged at most once per interval. Default 30 s; range 0..1 day.</summary>
    public TimeSpan LogInterval
    {
        get => _logInterval;
        init => _logInterval = InRange(value, TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    /// <summary>Largest plaintext one record carries: <see cref="MaxFrameBytes"/> − 33; every node's session must accept it.</summary>
    public int MaxRecordPlaintextBytes => MaxFrameBytes - SecureSession.Overhead;

    /// <summary>Plaintext bytes one drained batch fills at most: the smaller of <see cref="MaxBatchBytes"/> and <see cref="MaxRecordPlaintextBytes"/>.</summary>
    internal int BatchPlaintextBytes => Math.Min(MaxBatchBytes, MaxRecordPlaintextBytes);

    /// <summary>Largest envelope a link can carry: one record's plaintext minus its 4-byte length prefix; larger ones are dropped and counted.</summary>
    public int MaxEnvelopeBytes => MaxRecordPlaintextBytes - EnvelopeLengthPrefix;

    /// <summary>The gRPC message size limit matching <see cref="MaxFrameBytes"/>: set the server's MaxReceiveMessageSize for PeerLinkService to it.</summary>
    public int MaxGrpcMessageBytes => MaxFrameBytes + FrameEncodingOverhead;

    /// <summary>Checks the rules that span properties; returns this instance.</summary>
    /// <exception cref="ArgumentException">A rule is broken; the message names the settings.</exception>
    public PeerNetworkOptions Validate()
    {
        if (ReconnectMaxDelay < ReconnectBaseDelay)
        {
            throw new ArgumentException($"{nameof(ReconnectMaxDelay)} ({ReconnectMaxDelay}) must be at least {nameof(ReconnectBaseDelay)} ({ReconnectBaseDelay}).");
        }

        return this;
    }

    private static T InRange<T>(T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Must be between {min} and {max}.");
        }

        return value;
    }
}
