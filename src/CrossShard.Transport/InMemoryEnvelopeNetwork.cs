using System.Collections.Concurrent;
using CrossShard.Core.Ids;

namespace CrossShard.Transport;

/// <summary>An in-process envelope network: a send hands the bytes straight to the destination's sink.</summary>
public sealed class InMemoryEnvelopeNetwork : IEnvelopeNetwork
{
    private readonly ConcurrentDictionary<ShardId, IEnvelopeSink> _sinks = new();
    private long _bytes;

    /// <summary>Total envelope bytes handed to destinations.</summary>
    public long BytesDelivered => Interlocked.Read(ref _bytes);

    /// <inheritdoc />
    public void Register(ShardId shard, IEnvelopeSink sink)
    {
        if (!_sinks.TryAdd(shard, sink))
        {
            throw new InvalidOperationException($"{shard} is already connected to this network");
        }
    }

    /// <inheritdoc />
    public void Unregister(ShardId shard) => _sinks.TryRemove(shard, out _);

    /// <inheritdoc />
    public void Send(ShardId from, ShardId to, byte[] envelope)
    {
        if (_sinks.TryGetValue(to, out var sink))
        {
            Interlocked.Add(ref _bytes, envelope.Length);
            sink.Receive(from, envelope);
        }
    }
}
