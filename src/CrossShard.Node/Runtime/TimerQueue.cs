using CrossShard.Core.Effects;

namespace CrossShard.Node.Runtime;

/// <summary>
/// The timers the state machines armed, taken in due order (equal due times in the order they were added). Used by
/// one thread only.
/// </summary>
/// <remarks>
/// A loop under load holds a timer per transaction in flight (vote timeouts, retries, in-doubt queries) — a hundred
/// thousand and more — and a binary heap over all of them made every add and take a walk of cache-missing levels
/// (3% of a saturated run's CPU). Timers are instead grouped by the millisecond they fall due in: the heap holds one
/// entry per millisecond, and since each kind of timer is armed with one delay, a bucket is almost always appended to
/// in due order, so keeping it sorted costs a comparison.
/// </remarks>
public sealed class TimerQueue
{
    private readonly Dictionary<long, Bucket> _buckets = [];
    private readonly PriorityQueue<long, long> _order = new();
    private readonly Stack<Bucket> _spare = new();

    /// <summary>The timers not yet taken.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a timer.</summary>
    public void Add(TimerRequest timer)
    {
        // Truncation is monotonic, so every timer of an earlier bucket is due no later than any of a later one.
        var millisecond = timer.DueAt.Ticks / TimeSpan.TicksPerMillisecond;
        if (!_buckets.TryGetValue(millisecond, out var bucket))
        {
            bucket = _spare.Count > 0 ? _spare.Pop() : new Bucket();
            _buckets.Add(millisecond, bucket);
            _order.Enqueue(millisecond, millisecond);
        }

        bucket.Insert(timer);
        Count++;
    }

    /// <summary>Removes and returns the earliest timer if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(TimeSpan now, out TimerRequest timer)
    {
        while (_order.TryPeek(out var millisecond, out _))
        {
            var bucket = _buckets[millisecond];
            if (bucket.IsEmpty)
            {
                _order.Dequeue();
                _buckets.Remove(millisecond);
                bucket.Clear();
                _spare.Push(bucket);
                continue;
            }

            if (bucket.Peek().DueAt > now)
            {
                break;
            }

            timer = bucket.Take();
            Count--;
            return true;
        }

        timer = default;
        return false;
    }

    /// <summary>The timers of one millisecond, sorted by due time from <see cref="_next"/> on.</summary>
    private sealed class Bucket
    {
        private readonly List<TimerRequest> _items = [];
        private int _next;

        public bool IsEmpty => _next == _items.Count;

        public TimerRequest Peek() => _items[_next];

        public TimerRequest Take() => _items[_next++];

        public void Insert(TimerRequest timer)
        {
            // After every pending timer due at or before it: equal due times keep the order they were added in.
            var at = _items.Count;
            while (at > _next && _items[at - 1].DueAt > timer.DueAt)
            {
                at--;
            }

            _items.Insert(at, timer);
        }

        public void Clear()
        {
            _items.Clear();
            _next = 0;
        }
    }
}
