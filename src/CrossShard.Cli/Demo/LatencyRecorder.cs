namespace CrossShard.Cli.Demo;

/// <summary>Keeps every latency sample of a run (a slot claimed per sample, no locking) and reports percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly double[] _samplesMs;
    private int _count;

    public LatencyRecorder(int capacity)
    {
        _samplesMs = new double[capacity];
    }

    public void Record(TimeSpan latency)
    {
        var slot = Interlocked.Increment(ref _count) - 1;
        if (slot < _samplesMs.Length)
        {
            _samplesMs[slot] = latency.TotalMilliseconds;
        }
    }

    /// <summary>The <paramref name="percentile"/>th percentile (0..100) by nearest rank, in milliseconds; 0 without samples.</summary>
    public static double Percentile(double[] sortedMs, double percentile)
    {
        if (sortedMs.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sortedMs.Length);
        return sortedMs[Math.Clamp(rank - 1, 0, sortedMs.Length - 1)];
    }

    public double[] SortedSamples()
    {
        var copy = _samplesMs.AsSpan(0, Math.Min(Volatile.Read(ref _count), _samplesMs.Length)).ToArray();
        Array.Sort(copy);
        return copy;
    }
}
