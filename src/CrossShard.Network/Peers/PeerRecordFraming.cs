using System.Buffers.Binary;

namespace CrossShard.Network.Peers;

/// <summary>
/// The plaintext of a sealed peer-link record: one or more envelopes, each as u32 little-endian length then the
/// envelope bytes (docs/wire-grpc.md). Coalescing many envelopes into one record is what makes the link fast.
/// </summary>
internal static class PeerRecordFraming
{
    /// <summary>Bytes an envelope of <paramref name="envelopeLength"/> takes inside a record.</summary>
    public static int FramedLength(int envelopeLength) => checked(PeerNetworkOptions.EnvelopeLengthPrefix + envelopeLength);

    /// <summary>Writes <paramref name="envelopes"/> as one plaintext of exactly <paramref name="framedLength"/> bytes.</summary>
    public static byte[] Encode(List<byte[]> envelopes, int framedLength)
    {
        var plaintext = new byte[framedLength];
        var offset = 0;
        foreach (var envelope in envelopes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(plaintext.AsSpan(offset), (uint)envelope.Length);
            envelope.CopyTo(plaintext, offset + PeerNetworkOptions.EnvelopeLengthPrefix);
            offset += FramedLength(envelope.Length);
        }

        return offset == framedLength ? plaintext : throw new InvalidOperationException($"Framed {offset} bytes; the batch said {framedLength}.");
    }

    /// <summary>Splits a record's plaintext into its envelopes (fresh arrays, owned by the caller).</summary>
    /// <exception cref="PeerStreamFault"><see cref="PeerStreamError.MalformedBatch"/>: empty, a zero or overlong length, or trailing bytes.</exception>
    public static List<byte[]> Split(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty)
        {
            throw Malformed("the record carries no envelope");
        }

        var envelopes = new List<byte[]>();
        var offset = 0;
        while (offset < plaintext.Length)
        {
            if (plaintext.Length - offset < PeerNetworkOptions.EnvelopeLengthPrefix)
            {
                throw Malformed($"{plaintext.Length - offset} bytes left at offset {offset}, too few for a length prefix");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(plaintext[offset..]);
            offset += PeerNetworkOptions.EnvelopeLengthPrefix;
            if (length == 0 || length > (uint)(plaintext.Length - offset))
            {
                throw Malformed($"envelope {envelopes.Count} announces {length} bytes; {plaintext.Length - offset} remain and an envelope is never empty");
            }

            envelopes.Add(plaintext.Slice(offset, (int)length).ToArray());
            offset += (int)length;
        }

        return envelopes;
    }

    private static PeerStreamFault Malformed(string detail) => new(PeerStreamError.MalformedBatch, null, $"Malformed record plaintext: {detail}.");
}
