using CrossShard.Crypto.Channels;

namespace CrossShard.Network.Peers;

/// <summary>Counters of one node's peer links since it started; every read is a thread-safe snapshot of one counter.</summary>
public sealed class PeerNetworkStatistics
{
    private readonly long[] _handshakeFailures = new long[MaxValue<HandshakeError>() + 1];
    private readonly long[] _streamErrors = new long[MaxValue<PeerStreamError>() + 1];
    private long _framesSent;
    private long _framesReceived;
    private long _envelopesSent;
    private long _envelopesReceived;
    private long _bytesSent;
    private long _bytesReceived;
    private long _droppedQueueFull;
    private long _droppedTooLarge;
    private long _droppedUnroutable;
    private long _lostInFlight;
    private long _sessionsEstablished;
    private long _sessionsAccepted;
    private long _reconnects;
    private long _outboundFailures;
    private long _sinkFailures;

    /// <summary>Sealed records written to peers.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Sealed records received from authenticated peers and opened.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Envelopes carried by the records sent.</summary>
    public long EnvelopesSent => Interlocked.Read(ref _envelopesSent);

    /// <summary>Envelopes handed to the local sink from authenticated peers.</summary>
    public long EnvelopesReceived => Interlocked.Read(ref _envelopesReceived);

    /// <summary>Bytes of the sealed records sent (record overhead included, protobuf/HTTP/2 framing not).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Bytes of the sealed records received and opened.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Envelopes dropped because the peer's queue was at <see cref="PeerNetworkOptions.MaxQueuedEnvelopes"/> or <see cref="PeerNetworkOptions.MaxQueuedBytes"/>.</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>Envelopes dropped because they exceed <see cref="PeerNetworkOptions.MaxEnvelopeBytes"/> (or are empty).</summary>
    public long DroppedTooLarge => Interlocked.Read(ref _droppedTooLarge);

    /// <summary>Envelopes dropped because their receiver is not a shard of the manifest.</summary>
    public long DroppedUnroutable => Interlocked.Read(ref _droppedUnroutable);

    /// <summary>Envelopes taken from a queue into a record whose write failed; they are not resent (the protocol retransmits).</summary>
    public long LostInFlight => Interlocked.Read(ref _lostInFlight);

    /// <summary>Outbound sessions established (handshakes this node completed as the dialler).</summary>
    public long SessionsEstablished => Interlocked.Read(ref _sessionsEstablished);

    /// <summary>Inbound sessions accepted (handshakes this node completed as the listener).</summary>
    public long SessionsAccepted => Interlocked.Read(ref _sessionsAccepted);

    /// <summary>Outbound sessions established again after an earlier dial or session to the same peer failed.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Outbound dials or sessions that ended in a failure (unreachable, refused, broken, timed out).</summary>
    public long OutboundFailures => Interlocked.Read(ref _outboundFailures);

    /// <summary>Envelopes the local sink threw on (each is lost; the link stays up).</summary>
    public long SinkFailures => Interlocked.Read(ref _sinkFailures);

    /// <summary>All handshakes this node refused or that failed on its side, as dialler or listener.</summary>
    public long HandshakeFailuresTotal => Sum(_handshakeFailures);

    /// <summary>Inbound streams closed with an error, all reasons.</summary>
    public long StreamsRefusedTotal => Sum(_streamErrors);

    /// <summary>Handshakes that failed on this node's side with <paramref name="error"/> (as dialler or listener).</summary>
    public long HandshakeFailures(HandshakeError error) => Read(_handshakeFailures, (int)error);

    /// <summary>Inbound streams this node closed with <paramref name="error"/>.</summary>
    public long StreamsRefused(PeerStreamError error) => Read(_streamErrors, (int)error);

    /// <summary>Every non-zero handshake failure count, by error.</summary>
    public IReadOnlyDictionary<HandshakeError, long> HandshakeFailuresByError() => NonZero<HandshakeError>(_handshakeFailures);

    /// <summary>Every non-zero refused-stream count, by error.</summary>
    public IReadOnlyDictionary<PeerStreamError, long> StreamsRefusedByError() => NonZero<PeerStreamError>(_streamErrors);

    internal void FrameSent(int envelopes, int bytes)
    {
        Interlocked.Increment(ref _framesSent);
        Interlocked.Add(ref _envelopesSent, envelopes);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void FrameReceived(int bytes)
    {
        Interlocked.Increment(ref _framesReceived);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    internal void EnvelopeReceived() => Interlocked.Increment(ref _envelopesReceived);

    internal void QueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    internal void TooLarge() => Interlocked.Increment(ref _droppedTooLarge);

    internal void Unroutable() => Interlocked.Increment(ref _droppedUnroutable);

    internal void InFlightLost(int envelopes) => Interlocked.Add(ref _lostInFlight, envelopes);

    internal void SessionEstablished(bool afterFailure)
    {
        Interlocked.Increment(ref _sessionsEstablished);
        if (afterFailure)
        {
            Interlocked.Increment(ref _reconnects);
        }
    }

    internal void SessionAccepted() => Interlocked.Increment(ref _sessionsAccepted);

    internal void OutboundFailed() => Interlocked.Increment(ref _outboundFailures);

    internal void SinkFailed() => Interlocked.Increment(ref _sinkFailures);

    internal void HandshakeFailed(HandshakeError error) => Interlocked.Increment(ref _handshakeFailures[(int)error]);

    internal void StreamRefused(PeerStreamError error) => Interlocked.Increment(ref _streamErrors[(int)error]);

    private static int MaxValue<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Max(static e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture));

    private static long Read(long[] counters, int index) =>
        index >= 0 && index < counters.Length ? Interlocked.Read(ref counters[index]) : 0;

    private static long Sum(long[] counters)
    {
        long sum = 0;
        for (var i = 0; i < counters.Length; i++)
        {
            sum += Interlocked.Read(ref counters[i]);
        }

        return sum;
    }

    private static Dictionary<TEnum, long> NonZero<TEnum>(long[] counters)
        where TEnum : struct, Enum
    {
        var result = new Dictionary<TEnum, long>();
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var count = Read(counters, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
            if (count > 0)
            {
                result[value] = count;
            }
        }

        return result;
    }
}
