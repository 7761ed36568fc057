using CrossShard.Core.Effects;

namespace CrossShard.Node.Runtime;

/// <summary>Receives each batch's protocol events on the node's loop thread, after the batch's records are durable and before its clients are answered. Must be quick and must not throw.</summary>
public interface IProtocolObserver
{
    /// <summary>Called with the events of one batch, in order.</summary>
    void OnEvents(IReadOnlyList<ProtocolEvent> events);
}
