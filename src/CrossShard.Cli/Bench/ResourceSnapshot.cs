using System.Diagnostics;

namespace CrossShard.Cli.Bench;

/// <summary>This process's CPU time, allocations and collections at one moment; the difference of two is the window's cost.</summary>
/// <param name="Timestamp">When (Stopwatch timestamp).</param>
/// <param name="Cpu">Processor time of every thread so far.</param>
/// <param name="AllocatedBytes">Bytes allocated by every thread so far (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise).</param>
/// <param name="Gen0">Generation-0 collections so far.</param>
/// <param name="Gen1">Generation-1 collections so far.</param>
/// <param name="Gen2">Generation-2 collections so far.</param>
internal readonly record struct ResourceSnapshot(long Timestamp, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static ResourceSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ResourceSnapshot(
            Stopwatch.GetTimestamp(),
            process.TotalProcessorTime,
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>The largest working set this process has had so far, in bytes.</summary>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
