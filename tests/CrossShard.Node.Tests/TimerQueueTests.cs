using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Node.Runtime;
using CsCheck;

namespace CrossShard.Node.Tests;

public sealed class TimerQueueTests
{
    [Fact]
    public void TimersComeOutInDueOrder_OnlyOnceDue_EqualDueTimesInTheOrderAdded()
    {
        var queue = new TimerQueue();
        queue.Add(Timer(1, 5.5));
        queue.Add(Timer(2, 2.0));
        queue.Add(Timer(3, 5.2));
        queue.Add(Timer(4, 2.0));
        queue.Add(Timer(5, 900));

        Assert.False(queue.TryTakeDue(TimeSpan.FromMilliseconds(1.9), out _));
        Assert.Equal([2UL, 4UL], TakeAll(queue, 5.3).Take(2));
        Assert.True(queue.TryTakeDue(TimeSpan.FromMilliseconds(5.5), out var next));
        Assert.Equal(1UL, next.Tx.A);
        Assert.Equal(1, queue.Count);
        Assert.Empty(TakeAll(queue, 899.999));
        Assert.Equal([5UL], TakeAll(queue, 900));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void InterleavedAddsAndTakes_MatchASortedReference() =>
        Gen.Select(Gen.Bool, Gen.Long[0, 50_000], Gen.Long[0, 2_000]).Array[1, 400].Sample(steps =>
        {
            // Each step either adds a timer due at a tick count (microsecond-ish spread over 5 ms) or advances time
            // and takes everything due; the reference is a list kept sorted by (due, order added).
            var queue = new TimerQueue();
            var reference = new List<(long Due, ulong Seq)>();
            var now = 0L;
            ulong seq = 0;
            foreach (var (add, due, advance) in steps)
            {
                if (add)
                {
                    seq++;
                    queue.Add(new TimerRequest(new TxId(seq, 0, 0, 0), TimerKind.VoteTimeout, TimeSpan.FromTicks(due)));
                    reference.Add((due, seq));
                    continue;
                }

                now += advance * 10;
                var expected = reference.Where(r => r.Due <= now).OrderBy(r => r.Due).ThenBy(r => r.Seq).Select(r => r.Seq).ToList();
                reference.RemoveAll(r => r.Due <= now);
                var taken = new List<ulong>();
                while (queue.TryTakeDue(TimeSpan.FromTicks(now), out var timer))
                {
                    taken.Add(timer.Tx.A);
                }

                if (!taken.SequenceEqual(expected) || queue.Count != reference.Count)
                {
                    return false;
                }
            }

            return true;
        });

    private static TimerRequest Timer(ulong id, double dueMs) =>
        new(new TxId(id, 0, 0, 0), TimerKind.VoteTimeout, TimeSpan.FromMilliseconds(dueMs));

    private static List<ulong> TakeAll(TimerQueue queue, double nowMs)
    {
        var taken = new List<ulong>();
        while (queue.TryTakeDue(TimeSpan.FromMilliseconds(nowMs), out var timer))
        {
            taken.Add(timer.Tx.A);
        }

        return taken;
    }
}
