using System.Text;

namespace CrossShard.Crypto.Signing;

/// <summary>A FIPS 204 context string (0..255 bytes) naming the protocol and message kind a signature is for.</summary>
/// <remarks>
/// The context is mixed into every ML-DSA signature, so a signature made for one message kind never
/// verifies as another (domain separation, PROTOCOL.md §4). It is a class rather than a struct so that a
/// forgotten context is a null error instead of a silently empty context.
/// </remarks>
public sealed class SignatureContext : IEquatable<SignatureContext>
{
    /// <summary>Largest context FIPS 204 allows, in bytes.</summary>
    public const int MaxLength = 255;

    private readonly byte[] _bytes;

    private SignatureContext(byte[] bytes)
    {
        _bytes = bytes;
    }

    /// <summary>Context for Prepare messages (coordinator → participant).</summary>
    public static SignatureContext Prepare { get; } = FromString("crossshard/v1/prepare");

    /// <summary>Context for Vote messages (participant → coordinator).</summary>
    public static SignatureContext Vote { get; } = FromString("crossshard/v1/vote");

    /// <summary>Context for Decision messages (coordinator → participant).</summary>
    public static SignatureContext Decision { get; } = FromString("crossshard/v1/decision");

    /// <summary>Context for Ack messages (participant → coordinator).</summary>
    public static SignatureContext Ack { get; } = FromString("crossshard/v1/ack");

    /// <summary>Context for status queries and their replies during recovery.</summary>
    public static SignatureContext Status { get; } = FromString("crossshard/v1/status");

    /// <summary>Context for the signature over a batch's Merkle root.</summary>
    public static SignatureContext Batch { get; } = FromString("crossshard/v1/batch");

    /// <summary>Context for client receipts.</summary>
    public static SignatureContext Receipt { get; } = FromString("crossshard/v1/receipt");

    /// <summary>Context for the session handshake transcript.</summary>
    public static SignatureContext Handshake { get; } = FromString("crossshard/v1/handshake");

    /// <summary>The context bytes exactly as fed to ML-DSA.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Length of the context, in bytes (0..255).</summary>
    public int Length => _bytes.Length;

    /// <summary>Creates a context from UTF-8 text.</summary>
    /// <exception cref="ArgumentException">The UTF-8 encoding is longer than 255 bytes.</exception>
    public static SignatureContext FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Creates a context from raw bytes (copied).</summary>
    /// <exception cref="ArgumentException">More than 255 bytes.</exception>
    public static SignatureContext FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength)
        {
            throw new ArgumentException($"A FIPS 204 context is at most {MaxLength} bytes; got {bytes.Length}.", nameof(bytes));
        }

        return new SignatureContext(bytes.ToArray());
    }

    /// <summary>The context bytes as a new array.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <inheritdoc/>
    public bool Equals(SignatureContext? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SignatureContext);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>The context as text when it is valid UTF-8, otherwise as hex.</summary>
    public override string ToString()
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(_bytes);
        }
        catch (DecoderFallbackException)
        {
            return Convert.ToHexString(_bytes);
        }
    }
}
