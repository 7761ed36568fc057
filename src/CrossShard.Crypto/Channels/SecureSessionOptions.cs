namespace CrossShard.Crypto.Channels;

/// <summary>Record size and rekey limits of a <see cref="SecureSession"/>; immutable and validated on set.</summary>
/// <remarks>
/// <para>
/// The sender moves to the next key (a new epoch) before a record would take the current key past either
/// limit; the receiver follows the epoch in the record header and refuses a record that would take a key past
/// its own limits (<see cref="ChannelError.RekeyOverdue"/>). So a receiver must be configured with limits at
/// least as large as its peer's: keep these values cluster-wide.
/// </para>
/// <para>
/// Adding a setting: give it a default that is safe on its own, validate it in its <c>init</c> accessor, state
/// the default and range in its doc, and cover it in <c>SecureSessionTests</c>.
/// </para>
/// </remarks>
public sealed class SecureSessionOptions
{
    /// <summary>Default record limit per key: 2^24, well below the AES-GCM bounds (RFC 8446 §5.5 allows 2^24.5 full records).</summary>
    public const long DefaultRekeyAfterRecords = 1L << 24;

    /// <summary>Default byte limit per key: 2^34 (16 GiB of plaintext).</summary>
    public const long DefaultRekeyAfterBytes = 1L << 34;

    /// <summary>Default largest plaintext per record: 4 MiB (the default gRPC message cap).</summary>
    public const int DefaultMaxRecordSize = 4 << 20;

    /// <summary>Largest allowed <see cref="RekeyAfterRecords"/>: 2^32, the NIST SP 800-38D invocation bound.</summary>
    public const long MaxRekeyAfterRecords = 1L << 32;

    /// <summary>Largest allowed <see cref="RekeyAfterBytes"/>: 2^36 bytes.</summary>
    public const long MaxRekeyAfterBytes = 1L << 36;

    /// <summary>Largest allowed <see cref="MaxRecordSize"/>: 16 MiB.</summary>
    public const int MaxMaxRecordSize = 16 << 20;

    private readonly long _rekeyAfterRecords = DefaultRekeyAfterRecords;
    private readonly long _rekeyAfterBytes = DefaultRekeyAfterBytes;
    private readonly int _maxRecordSize = DefaultMaxRecordSize;

    /// <summary>The defaults: 2^24 records, 2^34 bytes, 4 MiB records.</summary>
    public static SecureSessionOptions Default { get; } = new();

    /// <summary>Records sealed under one key before the next key is derived. Default 2^24; range 1..2^32.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1..2^32.</exception>
    public long RekeyAfterRecords
    {
        get => _rekeyAfterRecords;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxRekeyAfterRecords);
            _rekeyAfterRecords = value;
        }
    }

    /// <summary>
    /// Plaintext bytes sealed under one key before the next key is derived. Default 2^34; range
    /// 1..2^36, and at least <see cref="MaxRecordSize"/> when the session is created.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1..2^36.</exception>
    public long RekeyAfterBytes
    {
        get => _rekeyAfterBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxRekeyAfterBytes);
            _rekeyAfterBytes = value;
        }
    }

    /// <summary>Largest plaintext one record may carry, in bytes. Default 4 MiB; range 0..16 MiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0..16 MiB.</exception>
    public int MaxRecordSize
    {
        get => _maxRecordSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxMaxRecordSize);
            _maxRecordSize = value;
        }
    }

    /// <summary>Checks the rules that span properties; called when a session is created.</summary>
    /// <exception cref="ArgumentException">A maximum-size record would not fit under one key.</exception>
    internal void Validate()
    {
        if (RekeyAfterBytes < MaxRecordSize)
        {
            throw new ArgumentException(
                $"{nameof(RekeyAfterBytes)} ({RekeyAfterBytes}) must be at least {nameof(MaxRecordSize)} ({MaxRecordSize}) so every record fits under one key.");
        }
    }
}
