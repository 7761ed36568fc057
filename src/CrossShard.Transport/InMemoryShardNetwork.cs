using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Transport;

/// <summary>An in-process network: a send hands the batch straight to the destination's sink. Messages to an unregistered node are dropped and counted.</summary>
public sealed class InMemoryShardNetwork : IShardNetwork
{
    private readonly ConcurrentDictionary<ShardId, IMessageSink> _sinks = new();
    private long _dropped;
    private long _delivered;

    /// <summary>Messages dropped because their destination was not connected.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to a destination.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <inheritdoc />
    public void Register(ShardId shard, IMessageSink sink)
    {
        if (!_sinks.TryAdd(shard, sink))
        {
            throw new InvalidOperationException($"{shard} is already connected to this network");
        }
    }

    /// <inheritdoc />
    public void Unregister(ShardId shard) => _sinks.TryRemove(shard, out _);

    /// <inheritdoc />
    public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
    {
        if (_sinks.TryGetValue(to, out var sink))
        {
            Interlocked.Add(ref _delivered, batch.Count);
            sink.Deliver(from, batch);
        }
        else
        {
            Interlocked.Add(ref _dropped, batch.Count);
        }
    }
}
