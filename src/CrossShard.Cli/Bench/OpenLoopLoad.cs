using System.Diagnostics;

namespace CrossShard.Cli.Bench;

/// <summary>
/// Open-loop load: transfer i is due at start + i / rate whatever the cluster answers, until the measured window
/// ends. A due transfer is sent at once unless the admission limit of outstanding transfers is reached, in which case
/// it is dropped and counted as not admitted. Latency runs from the due time, not the send time, so a pacer that
/// falls behind cannot hide queueing (no coordinated omission). Returns once every sent transfer is decided.
/// </summary>
internal static class OpenLoopLoad
{
    public static async Task RunAsync(IBenchTarget target, BenchWorkload workload, BenchRecorder recorder, int rate, int limit, long start, CancellationToken cancellationToken)
    {
        var outstanding = 0;
        Exception? failure = null;
        long index = 0;
        while (Volatile.Read(ref failure) is null && !cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            long due;
            while ((due = DueAt(index)) <= now && due < recorder.WindowEnd)
            {
                if (Volatile.Read(ref outstanding) >= limit)
                {
                    recorder.RecordNotAdmitted(due);
                }
                else
                {
                    Interlocked.Increment(ref outstanding);
                    _ = SendAsync(workload.Transfer(index), due);
                }

                index++;
            }

            if (due >= recorder.WindowEnd)
            {
                break;
            }

            // Timers tick about every millisecond: the transfers due meanwhile leave together at the next tick.
            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }

        while (Volatile.Read(ref outstanding) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), CancellationToken.None).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            throw failure;
        }

        cancellationToken.ThrowIfCancellationRequested();

        long DueAt(long i) => start + (long)(i * (double)Stopwatch.Frequency / rate);

        async Task SendAsync(BenchTransfer transfer, long dueAt)
        {
            try
            {
                var outcome = await target.SubmitAsync(transfer, cancellationToken).ConfigureAwait(false);
                recorder.Record(dueAt, Stopwatch.GetTimestamp(), outcome);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
            finally
            {
                Interlocked.Decrement(ref outstanding);
            }
        }
    }
}
