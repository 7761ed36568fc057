using CrossShard.Core.Ids;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>An envelope network where a node can be cut off (everything to and from it is dropped) and reconnected.</summary>
internal sealed class PartitionableEnvelopeNetwork : IEnvelopeNetwork
{
    private readonly InMemoryEnvelopeNetwork _inner = new();
    private volatile int _isolated = -1;

    public void Isolate(ShardId shard) => _isolated = shard.Value;

    public void Heal() => _isolated = -1;

    public void Register(ShardId shard, IEnvelopeSink sink) => _inner.Register(shard, sink);

    public void Unregister(ShardId shard) => _inner.Unregister(shard);

    public void Send(ShardId from, ShardId to, byte[] envelope)
    {
        if (from.Value != _isolated && to.Value != _isolated)
        {
            _inner.Send(from, to, envelope);
        }
    }
}
