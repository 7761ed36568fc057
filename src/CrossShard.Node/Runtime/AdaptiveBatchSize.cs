namespace CrossShard.Node.Runtime;

/// <summary>
/// The number of inputs the event loop takes per iteration, adapted to load by additive increase / multiplicative
/// decrease: while iterations fill the batch and finish within the latency target, the batch grows by a step (more
/// work per synced write and per flush); when one takes longer than the target, it halves. Bounded by
/// <see cref="Min"/> and <see cref="Max"/>. Not thread-safe: only the loop uses it.
/// </summary>
public sealed class AdaptiveBatchSize
{
    /// <summary>Creates the controller, starting at <paramref name="min"/>.</summary>
    /// <param name="min">The smallest batch (at least 1).</param>
    /// <param name="max">The largest batch.</param>
    /// <param name="latencyTarget">How long one iteration's own work (take the batch, handle it, send its effects; the log write excluded) may take.</param>
    public AdaptiveBatchSize(int min, int max, TimeSpan latencyTarget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(latencyTarget, TimeSpan.Zero);
        Min = min;
        Max = max;
        LatencyTarget = latencyTarget;
        Step = Math.Max(1, (max - min) / 32);
        Current = min;
    }

    /// <summary>The smallest batch.</summary>
    public int Min { get; }

    /// <summary>The largest batch.</summary>
    public int Max { get; }

    /// <summary>The additive increase.</summary>
    public int Step { get; }

    /// <summary>The latency target of one iteration.</summary>
    public TimeSpan LatencyTarget { get; }

    /// <summary>The batch size to use for the next iteration.</summary>
    public int Current { get; private set; }

    /// <summary>Adapts after an iteration that handled <paramref name="handled"/> inputs in <paramref name="elapsed"/>.</summary>
    public void Record(int handled, TimeSpan elapsed)
    {
        if (elapsed > LatencyTarget)
        {
            Current = Math.Max(Min, Current / 2);
        }
        else if (handled >= Current)
        {
            // Only a full batch says more was waiting; growing on a half-empty one would only raise the cap.
            Current = Math.Min(Max, Current + Step);
        }
    }
}
