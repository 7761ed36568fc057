using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Channels;

/// <summary>The SHAKE256 key-derivation function of the secure channel's key schedule.</summary>
/// <remarks>
/// <para>
/// <c>KDF(secret, label, context, L) = SHAKE256(tag ‖ u8 |label| ‖ label ‖ u16 |secret| ‖ secret ‖
/// u32 |context| ‖ context ‖ u32 L, L)</c>, integers little-endian, tag = ASCII <c>CrossShard-KDF/v1</c>.
/// </para>
/// <para>
/// Why this is a sound KDF: the Keccak sponge has no length extension, so hashing a secret-prefixed input is a
/// PRF (the rationale of KMAC, NIST SP 800-185); every field is length-prefixed, so distinct (label, secret,
/// context, L) tuples never encode to the same input; and L is part of the input, so outputs of different
/// lengths are unrelated rather than prefixes of each other.
/// </para>
/// <para>Its outputs are part of the wire contract: a change here breaks every peer.</para>
/// </remarks>
public static class ChannelKdf
{
    /// <summary>Longest label, in bytes.</summary>
    public const int MaxLabelLength = 255;

    /// <summary>Longest secret, in bytes.</summary>
    public const int MaxSecretLength = ushort.MaxValue;

    private static ReadOnlySpan<byte> Tag => "CrossShard-KDF/v1"u8;

    /// <summary>Fills <paramref name="output"/> with key material derived from <paramref name="secret"/>.</summary>
    /// <param name="secret">Input keying material (at most 65,535 bytes).</param>
    /// <param name="label">What the output is for, e.g. <c>"key"</c> (1..255 bytes of ASCII by convention).</param>
    /// <param name="context">Public data the output is bound to, e.g. a transcript hash; may be empty.</param>
    /// <param name="output">Receives the derived bytes; its length L is itself an input.</param>
    /// <exception cref="ArgumentException">Empty or over-long label, over-long secret, or empty output.</exception>
    public static void Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> output)
    {
        if (label.IsEmpty || label.Length > MaxLabelLength)
        {
            throw new ArgumentException($"A label is 1..{MaxLabelLength} bytes; got {label.Length}.", nameof(label));
        }

        if (secret.Length > MaxSecretLength)
        {
            throw new ArgumentException($"A secret is at most {MaxSecretLength} bytes; got {secret.Length}.", nameof(secret));
        }

        if (output.IsEmpty)
        {
            throw new ArgumentException("The output must not be empty.", nameof(output));
        }

        var length = Tag.Length + 1 + label.Length + 2 + secret.Length + 4 + context.Length + 4;
        var input = new byte[length];
        try
        {
            var span = input.AsSpan();
            Tag.CopyTo(span);
            span = span[Tag.Length..];
            span[0] = (byte)label.Length;
            label.CopyTo(span[1..]);
            span = span[(1 + label.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)secret.Length);
            secret.CopyTo(span[2..]);
            span = span[(2 + secret.Length)..];
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)context.Length);
            context.CopyTo(span[4..]);
            span = span[(4 + context.Length)..];
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)output.Length);
            Sha3.Shake256(input, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>Derives <paramref name="outputLength"/> bytes; <paramref name="label"/> is encoded as ASCII.</summary>
    /// <exception cref="ArgumentException">See <see cref="Derive(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output length is not positive.</exception>
    public static byte[] Derive(ReadOnlySpan<byte> secret, string label, ReadOnlySpan<byte> context, int outputLength)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputLength);
        var output = new byte[outputLength];
        Derive(secret, Encoding.ASCII.GetBytes(label), context, output);
        return output;
    }
}
