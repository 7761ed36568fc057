using System.Buffers;
using System.Buffers.Binary;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Wire;

namespace CrossShard.Transport.Security;

/// <summary>
/// The digest that binds an envelope's header and every message in it, each message under its kind's context:
/// SHA3-256(<c>0x02 · ctx(header) · u32 len · header · Σ (ctx(kind_i) · u32 len_i · message_i)</c>), where
/// <c>ctx(x)</c> is <c>u8 length · context bytes</c>. One hash over the envelope instead of a Merkle leaf per message:
/// an envelope is always verified whole, so per-message proofs would only cost time.
/// </summary>
public static class EnvelopeDigest
{
    /// <summary>Domain byte that keeps the digest apart from Merkle leaf (0x00) and node (0x01) hashes.</summary>
    public const byte Domain = 0x02;

    /// <summary>Digests an envelope given its header bytes and encoded messages, each under its kind's context.</summary>
    /// <exception cref="WireFormatException">A message is empty or of an unknown kind.</exception>
    public static Hash256 Compute(ReadOnlySpan<byte> header, IReadOnlyList<byte[]> messages, IReadOnlyList<SignatureContext>? contexts = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var size = 1 + 1 + EnvelopeCodec.HeaderContext.Length + 4 + header.Length;
        for (var i = 0; i < messages.Count; i++)
        {
            size += 1 + ContextOf(messages, contexts, i).Length + 4 + messages[i].Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = buffer.AsSpan(0, size);
            span[0] = Domain;
            var offset = WriteContext(span, 1, EnvelopeCodec.HeaderContext);
            offset = WriteBlock(span, offset, header);
            for (var i = 0; i < messages.Count; i++)
            {
                offset = WriteContext(span, offset, ContextOf(messages, contexts, i));
                offset = WriteBlock(span, offset, messages[i]);
            }

            return Sha3.Hash(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static SignatureContext ContextOf(IReadOnlyList<byte[]> messages, IReadOnlyList<SignatureContext>? contexts, int i) =>
        contexts?[i] ?? EnvelopeCodec.ContextOf(MessageCodec.KindOf(messages[i]));

    private static int WriteContext(Span<byte> span, int offset, SignatureContext context)
    {
        span[offset] = (byte)context.Length;
        context.Span.CopyTo(span[(offset + 1)..]);
        return offset + 1 + context.Length;
    }

    private static int WriteBlock(Span<byte> span, int offset, ReadOnlySpan<byte> block)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)block.Length);
        block.CopyTo(span[(offset + 4)..]);
        return offset + 4 + block.Length;
    }
}
