using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Transport;

/// <summary>Carries batches of protocol messages between nodes. Delivery is best effort: the protocol retries what is lost.</summary>
public interface IShardNetwork
{
    /// <summary>Connects the node of <paramref name="shard"/> so that messages addressed to it reach <paramref name="sink"/>.</summary>
    void Register(ShardId shard, IMessageSink sink);

    /// <summary>Disconnects the node of <paramref name="shard"/>; messages to it are dropped from now on.</summary>
    void Unregister(ShardId shard);

    /// <summary>Sends <paramref name="batch"/> from <paramref name="from"/> to <paramref name="to"/>. Never blocks.</summary>
    void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch);
}
