using System.Buffers.Binary;
using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Transport;

namespace CrossShard.Network.Tests.Peers;

/// <summary>An envelope sink that keeps everything it receives, in arrival order.</summary>
public sealed class RecordingSink : IEnvelopeSink
{
    private readonly ConcurrentQueue<(ShardId From, byte[] Envelope)> _received = new();

    public int Count => _received.Count;

    public void Receive(ShardId from, byte[] envelope) => _received.Enqueue((from, envelope));

    public IReadOnlyList<byte[]> From(ShardId from) => [.. _received.Where(r => r.From == from).Select(r => r.Envelope)];

    public int CountFrom(ShardId from) => _received.Count(r => r.From == from);

    /// <summary>The sequence numbers of the <see cref="TestEnvelope"/>s received from <paramref name="from"/>, in arrival order.</summary>
    public IReadOnlyList<int> SequencesFrom(ShardId from) => [.. From(from).Select(TestEnvelope.SequenceOf)];
}

/// <summary>Test payloads: sender, receiver and a sequence number up front, then padding, so order and origin can be checked.</summary>
internal static class TestEnvelope
{
    public const int HeaderSize = 12;

    public static byte[] Create(int from, int to, int sequence, int size = 64)
    {
        var bytes = new byte[Math.Max(size, HeaderSize)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, from);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), to);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), sequence);
        for (var i = HeaderSize; i < bytes.Length; i++)
        {
            bytes[i] = unchecked((byte)((i * 31) + sequence));
        }

        return bytes;
    }

    public static int SequenceOf(byte[] envelope) => BinaryPrimitives.ReadInt32LittleEndian(envelope.AsSpan(8));
}
