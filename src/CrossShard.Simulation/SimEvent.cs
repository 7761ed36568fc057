using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Simulation;

/// <summary>Something scheduled to happen at a simulated instant.</summary>
internal abstract record SimEvent;

/// <summary>A message arrives (if its destination is up and not cut off).</summary>
internal sealed record DeliverEvent(ShardId To, ShardId From, ProtocolMessage Message) : SimEvent;

/// <summary>A timer armed by one incarnation of a node fires (ignored if the node restarted since).</summary>
internal sealed record TimerEvent(ShardId Node, long Incarnation, TimerRequest Timer) : SimEvent;

/// <summary>A client submits transaction number <paramref name="Index"/>.</summary>
internal sealed record SubmitEvent(int Index) : SimEvent;

/// <summary>A crashed node comes back from its durable state.</summary>
internal sealed record RestartEvent(ShardId Node) : SimEvent;

/// <summary>Once per simulated second: maybe cut a node off.</summary>
internal sealed record ChaosEvent : SimEvent;

/// <summary>A node cut off is reconnected.</summary>
internal sealed record HealEvent(ShardId Node) : SimEvent;

/// <summary>Faults stop; from now on every transaction must finish within the termination bound.</summary>
internal sealed record FaultsOffEvent : SimEvent;

/// <summary>Periodic check whether the run is quiet (everything decided, nothing held).</summary>
internal sealed record ProbeEvent : SimEvent;
