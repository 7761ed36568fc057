namespace CrossShard.Cli.Demo;

/// <summary>Live counters of a running demo, read by the progress display from another thread.</summary>
public sealed class DemoCounters
{
    private int _committed;
    private int _aborted;
    private int _rejected;

    /// <summary>Transfers committed so far.</summary>
    public int Committed => Volatile.Read(ref _committed);

    /// <summary>Transfers aborted so far.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    /// <summary>Transfers refused before entering the protocol.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Transfers with an outcome so far.</summary>
    public int Done => Committed + Aborted + Rejected;

    internal void AddCommitted() => Interlocked.Increment(ref _committed);

    internal void AddAborted() => Interlocked.Increment(ref _aborted);

    internal void AddRejected() => Interlocked.Increment(ref _rejected);
}
