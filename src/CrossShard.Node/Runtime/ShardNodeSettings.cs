namespace CrossShard.Node.Runtime;

/// <summary>Settings of one node's event loop; validated by the component that builds it.</summary>
/// <param name="MaxBatch">Inputs handled per loop iteration before effects are flushed together.</param>
/// <param name="MaxInFlight">Client transactions admitted at once; further submissions wait (backpressure).</param>
/// <param name="TickInterval">How often the loop wakes to fire due timers.</param>
public sealed record ShardNodeSettings(int MaxBatch, int MaxInFlight, TimeSpan TickInterval);
