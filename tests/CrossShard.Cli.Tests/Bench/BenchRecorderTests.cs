using System.Diagnostics;
using CrossShard.Cli.Bench;
using CrossShard.Core.Messages;

namespace CrossShard.Cli.Tests.Bench;

public sealed class BenchRecorderTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    // Window [1000 ms, 2000 ms) in Stopwatch ticks; the timestamps are synthetic, no clock is read.
    private readonly BenchRecorder _recorder = new(1000 * Ms, 2000 * Ms);

    [Fact]
    public void OnlyDecisionsInsideTheWindow_Count()
    {
        _recorder.Record(900 * Ms, 999 * Ms, BenchOutcome.Committed);   // warmup
        _recorder.Record(990 * Ms, 1000 * Ms, BenchOutcome.Committed);  // first instant of the window
        _recorder.Record(1500 * Ms, 1510 * Ms, BenchOutcome.Aborted(AbortReason.LockConflict));
        _recorder.Record(1900 * Ms, 2000 * Ms, BenchOutcome.Committed); // after the window
        _recorder.Record(1600 * Ms, 1601 * Ms, BenchOutcome.Rejected);

        Assert.Equal(1, _recorder.Committed);
        Assert.Equal(1, _recorder.Aborted);
        Assert.Equal(1, _recorder.Rejected);
        Assert.Equal(5, _recorder.DecidedAll);
        Assert.Equal(2, _recorder.Latency.Count);
        Assert.Equal(new SortedDictionary<string, long> { ["LockConflict"] = 1 }, _recorder.AbortsByReason());
    }

    [Fact]
    public void CommittedEachSecond_CountsCommitsBySecondOfTheWindow()
    {
        var recorder = new BenchRecorder(1000 * Ms, 4000 * Ms);
        foreach (var at in new[] { 1000, 1999, 2000, 3999 })
        {
            recorder.Record(at * Ms, at * Ms, BenchOutcome.Committed);
        }

        recorder.Record(2500 * Ms, 2500 * Ms, BenchOutcome.Aborted(AbortReason.LockConflict));
        recorder.Record(4000 * Ms, 4000 * Ms, BenchOutcome.Committed); // after the window

        Assert.Equal([2, 1, 1], recorder.CommittedEachSecond());
    }

    [Fact]
    public void RateSpread_IsTheSlowestMiddleAndFastestSecond()
    {
        Assert.Equal(new RateSpread(1, 3, 9), RateSpread.Of([5, 1, 9, 3]));
        Assert.Equal(new RateSpread(4, 4, 4), RateSpread.Of([4]));
        Assert.Equal(new RateSpread(0, 0, 0), RateSpread.Of([]));
    }

    [Fact]
    public void LongestStall_IsTheLargestGapBetweenDecisions()
    {
        foreach (var at in new[] { 1100, 1150, 1600, 1650, 1900 })
        {
            _recorder.Record(at * Ms, at * Ms, BenchOutcome.Committed);
        }

        Assert.Equal(450, _recorder.LongestStall().TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void LongestStall_CountsTheStartAndEndOfTheWindow()
    {
        _recorder.Record(1200 * Ms, 1200 * Ms, BenchOutcome.Committed);
        _recorder.Record(1300 * Ms, 1300 * Ms, BenchOutcome.Committed);

        Assert.Equal(700, _recorder.LongestStall().TotalMilliseconds, precision: 3);
        Assert.Equal(1000, new BenchRecorder(1000 * Ms, 2000 * Ms).LongestStall().TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void NotAdmitted_CountsOnlyTransfersDueInTheWindow()
    {
        _recorder.RecordNotAdmitted(999 * Ms);
        _recorder.RecordNotAdmitted(1000 * Ms);
        _recorder.RecordNotAdmitted(1999 * Ms);
        _recorder.RecordNotAdmitted(2000 * Ms);

        Assert.Equal(2, _recorder.NotAdmitted);
    }
}
