using System.Diagnostics;
using CrossShard.Cli.Measurement;
using CrossShard.Core.Messages;

namespace CrossShard.Cli.Bench;

/// <summary>
/// Records every decided transfer. Only transfers decided inside the measured window [start, end) (Stopwatch
/// timestamps) count towards the numbers: warmup and draining are excluded. Lock-free; called from every worker.
/// </summary>
internal sealed class BenchRecorder
{
    private readonly long[] _abortsByReason = new long[256];
    private readonly long[] _committedEachSecond;
    private long _committed;
    private long _aborted;
    private long _rejected;
    private long _notAdmitted;
    private long _decidedAll;
    private long _lastDecision;
    private long _longestGap;

    public BenchRecorder(long windowStart, long windowEnd)
    {
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        _lastDecision = windowStart;
        // One bucket per started second of the window; a shorter last second is its own bucket.
        _committedEachSecond = new long[(int)Math.Max(1, (windowEnd - windowStart + Stopwatch.Frequency - 1) / Stopwatch.Frequency)];
    }

    /// <summary>Start of the measured window (Stopwatch timestamp).</summary>
    public long WindowStart { get; }

    /// <summary>End of the measured window (Stopwatch timestamp, excluded).</summary>
    public long WindowEnd { get; }

    /// <summary>Latency of every transfer decided in the window, in ticks of 100 ns.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Transfers committed in the window.</summary>
    public long Committed => Volatile.Read(ref _committed);

    /// <summary>Transfers aborted in the window.</summary>
    public long Aborted => Volatile.Read(ref _aborted);

    /// <summary>Transfers refused before the protocol in the window.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Open loop: transfers due in the window that found the admission limit reached and were never sent.</summary>
    public long NotAdmitted => Volatile.Read(ref _notAdmitted);

    /// <summary>Transfers decided since the load started, warmup and draining included (for progress only).</summary>
    public long DecidedAll => Volatile.Read(ref _decidedAll);

    /// <summary>
    /// Transfers committed in each second of the window, in order: how steady the rate was, which the average hides
    /// (a compaction, a collection or a neighbour on the machine shows up as a dip).
    /// </summary>
    public long[] CommittedEachSecond()
    {
        var result = new long[_committedEachSecond.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Volatile.Read(ref _committedEachSecond[i]);
        }

        return result;
    }

    /// <summary>Aborts in the window by reason.</summary>
    public SortedDictionary<string, long> AbortsByReason()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _abortsByReason.Length; i++)
        {
            var n = Volatile.Read(ref _abortsByReason[i]);
            if (n > 0)
            {
                result[((AbortReason)i).ToString()] = n;
            }
        }

        return result;
    }

    /// <summary>The longest time in the window without any decision, including before the first and after the last.</summary>
    public TimeSpan LongestStall()
    {
        var tail = WindowEnd - Volatile.Read(ref _lastDecision);
        return Stopwatch.GetElapsedTime(0, Math.Max(Volatile.Read(ref _longestGap), tail));
    }

    /// <summary>Records a decided transfer: sent (or, open loop, due) at <paramref name="started"/>, decided at <paramref name="finished"/>.</summary>
    public void Record(long started, long finished, BenchOutcome outcome)
    {
        Interlocked.Increment(ref _decidedAll);
        if (finished < WindowStart || finished >= WindowEnd)
        {
            return;
        }

        switch (outcome.Kind)
        {
            case BenchOutcomeKind.Committed:
                Interlocked.Increment(ref _committed);
                Interlocked.Increment(ref _committedEachSecond[(finished - WindowStart) / Stopwatch.Frequency]);
                break;
            case BenchOutcomeKind.Aborted:
                Interlocked.Increment(ref _aborted);
                Interlocked.Increment(ref _abortsByReason[(byte)outcome.Reason]);
                break;
            default:
                // A refusal is not a decision of the protocol: counted, but neither a latency nor the end of a stall.
                Interlocked.Increment(ref _rejected);
                return;
        }

        Latency.Record(Stopwatch.GetElapsedTime(started, finished));
        AdvanceLastDecision(finished);
    }

    /// <summary>Open loop: a transfer due at <paramref name="due"/> was not admitted.</summary>
    public void RecordNotAdmitted(long due)
    {
        if (due >= WindowStart && due < WindowEnd)
        {
            Interlocked.Increment(ref _notAdmitted);
        }
    }

    // Decisions arrive from many threads slightly out of order; only a later one moves the mark, so a gap is never overstated.
    private void AdvanceLastDecision(long at)
    {
        var last = Volatile.Read(ref _lastDecision);
        while (at > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastDecision, at, last);
            if (seen == last)
            {
                var gap = at - last;
                var longest = Volatile.Read(ref _longestGap);
                while (gap > longest)
                {
                    var before = Interlocked.CompareExchange(ref _longestGap, gap, longest);
                    if (before == longest)
                    {
                        break;
                    }

                    longest = before;
                }

                return;
            }

            last = seen;
        }
    }
}
