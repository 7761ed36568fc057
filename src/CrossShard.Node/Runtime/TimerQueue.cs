using CrossShard.Core.Effects;

namespace CrossShard.Node.Runtime;

/// <summary>The timers the state machines armed, ordered by due time. Used by one thread only.</summary>
internal sealed class TimerQueue
{
    private readonly PriorityQueue<TimerRequest, TimeSpan> _queue = new();

    public int Count => _queue.Count;

    public void Add(TimerRequest timer) => _queue.Enqueue(timer, timer.DueAt);

    /// <summary>Removes and returns the earliest timer if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(TimeSpan now, out TimerRequest timer)
    {
        if (_queue.TryPeek(out timer, out var due) && due <= now)
        {
            _queue.Dequeue();
            return true;
        }

        timer = default;
        return false;
    }
}
