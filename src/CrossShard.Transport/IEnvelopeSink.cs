using CrossShard.Core.Ids;

namespace CrossShard.Transport;

/// <summary>Receives raw, not yet verified envelopes addressed to one node. Must not block.</summary>
public interface IEnvelopeSink
{
    /// <summary>Hands over an envelope that the wire says came from <paramref name="from"/> (unauthenticated until opened).</summary>
    void Receive(ShardId from, byte[] envelope);
}
