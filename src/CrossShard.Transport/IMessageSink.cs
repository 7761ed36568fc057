using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Transport;

/// <summary>Receives batches of protocol messages addressed to one node. Must not block: it only enqueues.</summary>
public interface IMessageSink
{
    /// <summary>Hands a batch sent by <paramref name="from"/> to the node.</summary>
    void Deliver(ShardId from, IReadOnlyList<ProtocolMessage> batch);
}
