using CrossShard.Core.Effects;
using CrossShard.Core.Ids;

namespace CrossShard.Simulation;

/// <summary>Receives what happens in a simulated run, in order, with the simulated time.</summary>
public interface IProtocolTrace
{
    /// <summary>Protocol events of one batch of one node, after its write.</summary>
    void OnEvents(TimeSpan at, IReadOnlyList<ProtocolEvent> events);

    /// <summary>A node crashed.</summary>
    void OnCrash(TimeSpan at, ShardId shard);
}
