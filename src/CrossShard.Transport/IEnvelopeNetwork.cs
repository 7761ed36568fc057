using CrossShard.Core.Ids;

namespace CrossShard.Transport;

/// <summary>Carries signed envelopes (bytes) between nodes: in memory, or over gRPC. Best effort; never blocks.</summary>
public interface IEnvelopeNetwork
{
    /// <summary>Connects <paramref name="shard"/>'s node so that envelopes addressed to it reach <paramref name="sink"/>.</summary>
    void Register(ShardId shard, IEnvelopeSink sink);

    /// <summary>Disconnects <paramref name="shard"/>'s node.</summary>
    void Unregister(ShardId shard);

    /// <summary>Sends <paramref name="envelope"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    void Send(ShardId from, ShardId to, byte[] envelope);
}
