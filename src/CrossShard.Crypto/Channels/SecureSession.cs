using System.Buffers;
using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Channels;

/// <summary>
/// An established secure channel between two shards: seals outgoing records and opens incoming ones with
/// AES-256-GCM, one key per direction, counter nonces and automatic rekeying.
/// </summary>
/// <remarks>
/// <para>
/// Record layout (little-endian): format u8 = 1 | epoch u32 | sequence u64 | plaintext length u32 |
/// ciphertext | 16-byte tag. The 17-byte header followed by the caller's associated data is the AES-GCM
/// associated data, so the header is authenticated; the caller's associated data is not transmitted.
/// </para>
/// <para>
/// Sequence numbers start at 0 in each direction and rise by one per record across epochs; a receiver only
/// accepts the next one, so a replayed, dropped or reordered record is refused. The sender moves to the next
/// epoch's key before a record would exceed <see cref="SecureSessionOptions.RekeyAfterRecords"/> or
/// <see cref="SecureSessionOptions.RekeyAfterBytes"/>; the receiver steps its key forward when a record header
/// carries the next epoch. Any failure to open closes the receive direction for good (fail closed): the caller
/// drops the connection and handshakes again.
/// </para>
/// <para>
/// Thread-safety: each direction has its own lock, so <see cref="Seal(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
/// and <see cref="Open(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> may run concurrently and misuse can never
/// reuse a nonce. Records must still reach the peer in the order they were sealed, so callers serialize
/// "seal then write" per connection (typically one writer loop).
/// </para>
/// </remarks>
public sealed class SecureSession : IDisposable
{
    /// <summary>The record format byte this build writes and reads.</summary>
    public const byte RecordFormatVersion = 1;

    /// <summary>Header length: format, epoch, sequence, length.</summary>
    public const int HeaderSize = 1 + 4 + 8 + 4;

    /// <summary>AES-GCM tag length.</summary>
    public const int TagSize = 16;

    /// <summary>Bytes a record adds to its plaintext: header plus tag.</summary>
    public const int Overhead = HeaderSize + TagSize;

    private const int StackAssociatedDataLimit = 256;

    private readonly Lock _sendLock = new();
    private readonly Lock _receiveLock = new();
    private readonly SecureSessionOptions _options;
    private TrafficKey _sendKey;
    private ulong _sendSequence;
    private long _sendRecordsInEpoch;
    private long _sendBytesInEpoch;
    private TrafficKey _receiveKey;
    private ulong _receiveSequence;
    private long _receiveRecordsInEpoch;
    private long _receiveBytesInEpoch;
    private bool _receiveFaulted;
    private bool _disposed;

    internal SecureSession(ChannelRole role, Hash256 sessionId, SessionParameters parameters, byte[] sendSecret, byte[] receiveSecret)
    {
        Role = role;
        SessionId = sessionId;
        LocalShardId = parameters.LocalShardId;
        PeerShardId = parameters.PeerShardId;
        PeerKey = parameters.PeerKey;
        ProtocolVersion = parameters.ProtocolVersion;
        _options = parameters.Options;
        _sendKey = TrafficKey.FromSecret(sendSecret);
        _receiveKey = TrafficKey.FromSecret(receiveSecret);
    }

    /// <summary>Which end of the handshake this session is.</summary>
    public ChannelRole Role { get; }

    /// <summary>Identifies the session; both ends derive the same value from the key schedule, and no one else can.</summary>
    public Hash256 SessionId { get; }

    /// <summary>This node's shard.</summary>
    public int LocalShardId { get; }

    /// <summary>The authenticated peer's shard.</summary>
    public int PeerShardId { get; }

    /// <summary>The manifest key the peer proved it holds.</summary>
    public SignaturePublicKey PeerKey { get; }

    /// <summary>The node protocol version negotiated in the handshake.</summary>
    public ushort ProtocolVersion { get; }

    /// <summary>The epoch of the key the next sealed record will use (unless a rekey is due first).</summary>
    public uint SendEpoch
    {
        get
        {
            lock (_sendLock)
            {
                return _sendKey.Epoch;
            }
        }
    }

    /// <summary>The epoch of the key the last opened record used.</summary>
    public uint ReceiveEpoch
    {
        get
        {
            lock (_receiveLock)
            {
                return _receiveKey.Epoch;
            }
        }
    }

    /// <summary>Sequence number of the next sealed record; also the count of records sealed so far.</summary>
    public ulong NextSendSequence
    {
        get
        {
            lock (_sendLock)
            {
                return _sendSequence;
            }
        }
    }

    /// <summary>Sequence number the next opened record must carry; also the count of records opened so far.</summary>
    public ulong NextReceiveSequence
    {
        get
        {
            lock (_receiveLock)
            {
                return _receiveSequence;
            }
        }
    }

    /// <summary>Length of the record that sealing <paramref name="plaintextLength"/> bytes produces.</summary>
    public static int GetSealedLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return checked(plaintextLength + Overhead);
    }

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/> as the next record of the send direction.</summary>
    /// <param name="plaintext">The payload, at most <see cref="SecureSessionOptions.MaxRecordSize"/> bytes.</param>
    /// <param name="associatedData">Data authenticated but not sent (e.g. envelope routing fields); the peer must pass the same bytes.</param>
    /// <returns>The record bytes to send.</returns>
    /// <exception cref="ChannelException"><see cref="ChannelError.RecordTooLarge"/> or <see cref="ChannelError.SequenceExhausted"/>.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var record = new byte[GetSealedLength(plaintext.Length)];
        Seal(plaintext, associatedData, record);
        return record;
    }

    /// <summary>Seals into <paramref name="destination"/>, which must not overlap <paramref name="plaintext"/>.</summary>
    /// <returns>The number of bytes written: <see cref="GetSealedLength"/> of the plaintext length.</returns>
    /// <exception cref="ArgumentException">The destination is shorter than the record.</exception>
    /// <exception cref="ChannelException"><see cref="ChannelError.RecordTooLarge"/> or <see cref="ChannelError.SequenceExhausted"/>.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public int Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (plaintext.Length > _options.MaxRecordSize)
        {
            throw new ChannelException(ChannelError.RecordTooLarge, $"Plaintext is {plaintext.Length} bytes; a record carries at most {_options.MaxRecordSize}.");
        }

        var length = GetSealedLength(plaintext.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination needs {length} bytes; got {destination.Length}.", nameof(destination));
        }

        lock (_sendLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sendSequence == ulong.MaxValue)
            {
                throw new ChannelException(ChannelError.SequenceExhausted, "The send sequence number is used up; handshake again.");
            }

            if (_sendRecordsInEpoch + 1 > _options.RekeyAfterRecords || _sendBytesInEpoch + plaintext.Length > _options.RekeyAfterBytes)
            {
                if (_sendKey.Epoch == uint.MaxValue)
                {
                    throw new ChannelException(ChannelError.SequenceExhausted, "The send epoch is used up; handshake again.");
                }

                var next = _sendKey.Next();
                _sendKey.Dispose();
                _sendKey = next;
                _sendRecordsInEpoch = 0;
                _sendBytesInEpoch = 0;
            }

            var header = destination[..HeaderSize];
            header[0] = RecordFormatVersion;
            BinaryPrimitives.WriteUInt32LittleEndian(header[1..], _sendKey.Epoch);
            BinaryPrimitives.WriteUInt64LittleEndian(header[5..], _sendSequence);
            BinaryPrimitives.WriteUInt32LittleEndian(header[13..], (uint)plaintext.Length);

            var aadLength = HeaderSize + associatedData.Length;
            byte[]? rented = null;
            var aad = aadLength <= StackAssociatedDataLimit
                ? stackalloc byte[StackAssociatedDataLimit]
                : (rented = ArrayPool<byte>.Shared.Rent(aadLength));
            try
            {
                aad = aad[..aadLength];
                header.CopyTo(aad);
                associatedData.CopyTo(aad[HeaderSize..]);
                _sendKey.Encrypt(
                    _sendSequence,
                    plaintext,
                    destination.Slice(HeaderSize, plaintext.Length),
                    destination.Slice(HeaderSize + plaintext.Length, TagSize),
                    aad);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            _sendSequence++;
            _sendRecordsInEpoch++;
            _sendBytesInEpoch += plaintext.Length;
        }

        return length;
    }

    /// <summary>Authenticates and decrypts the next record of the receive direction.</summary>
    /// <param name="record">The record bytes exactly as received.</param>
    /// <param name="associatedData">The same associated data the sender passed to Seal.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="ChannelException">The record is refused; the receive direction is then closed.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public byte[] Open(ReadOnlySpan<byte> record, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[Math.Max(0, record.Length - Overhead)];
        var written = Open(record, associatedData, plaintext);
        return written == plaintext.Length ? plaintext : plaintext[..written];
    }

    /// <summary>Opens into <paramref name="destination"/>, which must not overlap <paramref name="record"/>.</summary>
    /// <returns>The plaintext length.</returns>
    /// <exception cref="ArgumentException">The destination is shorter than the plaintext (the session stays usable).</exception>
    /// <exception cref="ChannelException">The record is refused; the receive direction is then closed.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public int Open(ReadOnlySpan<byte> record, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        lock (_receiveLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_receiveFaulted)
            {
                throw new ChannelException(ChannelError.Faulted, "An earlier record failed to open; this session no longer receives.");
            }

            try
            {
                return OpenCore(record, associatedData, destination);
            }
            catch (ChannelException)
            {
                _receiveFaulted = true;
                throw;
            }
        }
    }

    /// <summary>Zeroes and releases both directions' keys.</summary>
    public void Dispose()
    {
        lock (_sendLock)
        {
            lock (_receiveLock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _sendKey.Dispose();
                _receiveKey.Dispose();
            }
        }
    }

    private int OpenCore(ReadOnlySpan<byte> record, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (record.Length < Overhead)
        {
            throw new ChannelException(ChannelError.Truncated, $"A record is at least {Overhead} bytes; got {record.Length}.");
        }

        if (record[0] != RecordFormatVersion)
        {
            throw new ChannelException(ChannelError.UnsupportedVersion, $"Record format {record[0]}; this build reads format {RecordFormatVersion}.");
        }

        var epoch = BinaryPrimitives.ReadUInt32LittleEndian(record[1..]);
        var sequence = BinaryPrimitives.ReadUInt64LittleEndian(record[5..]);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(record[13..]);
        if (length > (uint)_options.MaxRecordSize)
        {
            throw new ChannelException(ChannelError.RecordTooLarge, $"Record announces {length} plaintext bytes; at most {_options.MaxRecordSize} are allowed.");
        }

        var plaintextLength = (int)length;
        var expected = Overhead + plaintextLength;
        if (record.Length != expected)
        {
            throw new ChannelException(
                record.Length < expected ? ChannelError.Truncated : ChannelError.Malformed,
                $"Record announces {plaintextLength} plaintext bytes, so it is {expected} bytes long; got {record.Length}.");
        }

        if (sequence != _receiveSequence)
        {
            throw new ChannelException(
                sequence < _receiveSequence ? ChannelError.Replayed : ChannelError.OutOfOrder,
                $"Record has sequence {sequence}; expected {_receiveSequence}.");
        }

        var current = _receiveKey.Epoch;
        var stepsEpoch = current != uint.MaxValue && epoch == current + 1;
        if (epoch != current && !stepsEpoch)
        {
            throw new ChannelException(ChannelError.EpochMismatch, $"Record has epoch {epoch}; expected {current} or the next one.");
        }

        var records = stepsEpoch ? 0 : _receiveRecordsInEpoch;
        var bytes = stepsEpoch ? 0 : _receiveBytesInEpoch;
        if (records + 1 > _options.RekeyAfterRecords || bytes + plaintextLength > _options.RekeyAfterBytes)
        {
            throw new ChannelException(ChannelError.RekeyOverdue, $"The peer did not rekey before the limits of epoch {epoch}.");
        }

        if (destination.Length < plaintextLength)
        {
            throw new ArgumentException($"Destination needs {plaintextLength} bytes; got {destination.Length}.", nameof(destination));
        }

        if (stepsEpoch)
        {
            // A forged header that claims the next epoch faults the session below, so stepping first is safe.
            var next = _receiveKey.Next();
            _receiveKey.Dispose();
            _receiveKey = next;
            _receiveRecordsInEpoch = 0;
            _receiveBytesInEpoch = 0;
        }

        var aadLength = HeaderSize + associatedData.Length;
        byte[]? rented = null;
        var aad = aadLength <= StackAssociatedDataLimit
            ? stackalloc byte[StackAssociatedDataLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(aadLength));
        try
        {
            aad = aad[..aadLength];
            record[..HeaderSize].CopyTo(aad);
            associatedData.CopyTo(aad[HeaderSize..]);
            var authentic = _receiveKey.TryDecrypt(
                sequence,
                record.Slice(HeaderSize, plaintextLength),
                record.Slice(HeaderSize + plaintextLength, TagSize),
                destination[..plaintextLength],
                aad);
            if (!authentic)
            {
                throw new ChannelException(ChannelError.AuthenticationFailed, $"Record {sequence} does not authenticate.");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        _receiveSequence++;
        _receiveRecordsInEpoch++;
        _receiveBytesInEpoch += plaintextLength;
        return plaintextLength;
    }
}
