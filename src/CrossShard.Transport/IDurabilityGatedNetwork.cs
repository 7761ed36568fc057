using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Transport;

/// <summary>
/// A network that can take a batch before the log records it depends on are durable, prepare it (encode and sign),
/// and put it on the wire only once they are: the costly preparation overlaps the log's sync instead of following it.
/// </summary>
public interface IDurabilityGatedNetwork : IShardNetwork
{
    /// <summary>
    /// Sends <paramref name="batch"/> from <paramref name="from"/> to <paramref name="to"/> once <paramref name="durable"/>
    /// has completed successfully, and never if it faults or is canceled (the records it stood for were not written).
    /// Never blocks. A sender's gates must complete in the order it gives them (one node's log writes do): a network
    /// may hold everything it has sealed together until the newest of their gates completes.
    /// </summary>
    void SendWhenDurable(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch, Task durable);
}
