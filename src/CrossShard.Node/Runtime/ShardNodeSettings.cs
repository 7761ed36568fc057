namespace CrossShard.Node.Runtime;

/// <summary>Settings of one node's event loop; validated by the component that builds it.</summary>
/// <param name="MaxBatch">Inputs handled per loop iteration before effects are flushed together.</param>
/// <param name="MaxInFlight">Client transactions admitted at once; further submissions wait (backpressure).</param>
/// <param name="TickInterval">How often the loop wakes to fire due timers.</param>
/// <param name="MinBatch">The smallest batch the adaptive batch size shrinks to.</param>
/// <param name="BatchLatencyTarget">How long one loop iteration may take before the batch size halves; null is 5 ms.</param>
public sealed record ShardNodeSettings(int MaxBatch, int MaxInFlight, TimeSpan TickInterval, int MinBatch = 16, TimeSpan? BatchLatencyTarget = null);
