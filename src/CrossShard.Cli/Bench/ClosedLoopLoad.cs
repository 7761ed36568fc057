using System.Diagnostics;

namespace CrossShard.Cli.Bench;

/// <summary>
/// Closed-loop load: a fixed number of workers, each submitting its next transfer as soon as its previous one is
/// decided, until the measured window ends. Returns once every submitted transfer is decided.
/// </summary>
internal static class ClosedLoopLoad
{
    public static Task RunAsync(IBenchTarget target, BenchWorkload workload, BenchRecorder recorder, int concurrency, CancellationToken cancellationToken)
    {
        long next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync, cancellationToken)));

        async Task WorkerAsync()
        {
            while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < recorder.WindowEnd)
            {
                var transfer = workload.Transfer(Interlocked.Increment(ref next));
                var started = Stopwatch.GetTimestamp();
                var outcome = await target.SubmitAsync(transfer, cancellationToken).ConfigureAwait(false);
                recorder.Record(started, Stopwatch.GetTimestamp(), outcome);
            }
        }
    }
}
