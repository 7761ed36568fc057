namespace CrossShard.Core.Participation;

/// <summary>
/// The transactions of one shard that wait for locks, queued under every key they asked for, oldest first: a release
/// wakes only the waiters of the keys it freed.
/// </summary>
/// <remarks>
/// One list of all waiters, sorted and retried whole on every release, cost a loop with two thousand transactions in
/// flight over ten thousand accounts half its CPU (docs/benchmarks.md, session 12).
/// </remarks>
internal sealed class LockWaiters
{
    private readonly Dictionary<string, List<ParticipantTx>> _byKey = new(StringComparer.Ordinal);
    private readonly Stack<List<ParticipantTx>> _spare = new();

    /// <summary>Number of waiting transactions.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <paramref name="tx"/> is queued.</summary>
    public static bool Contains(ParticipantTx tx) => tx.Queued;

    /// <summary>Queues <paramref name="tx"/> under each of its keys, after every waiter at least as old; queued once.</summary>
    public void Add(ParticipantTx tx)
    {
        if (tx.Queued)
        {
            return;
        }

        tx.Queued = true;
        Count++;
        foreach (var key in tx.LockKeys)
        {
            if (!_byKey.TryGetValue(key, out var queue))
            {
                queue = _spare.Count > 0 ? _spare.Pop() : [];
                _byKey.Add(key, queue);
            }
            else if (queue.Contains(tx))
            {
                // The same key twice in one transaction.
                continue;
            }

            var at = queue.Count;
            while (at > 0 && queue[at - 1].Priority > tx.Priority)
            {
                at--;
            }

            queue.Insert(at, tx);
        }
    }

    /// <summary>Takes <paramref name="tx"/> out of every queue it is in.</summary>
    public void Remove(ParticipantTx tx)
    {
        if (!tx.Queued)
        {
            return;
        }

        tx.Queued = false;
        Count--;
        foreach (var key in tx.LockKeys)
        {
            if (_byKey.TryGetValue(key, out var queue) && queue.Remove(tx) && queue.Count == 0)
            {
                _byKey.Remove(key);
                _spare.Push(queue);
            }
        }
    }

    /// <summary>The transactions queued under any of <paramref name="keys"/>, oldest first, each once.</summary>
    public ParticipantTx[] WaitingFor(IReadOnlyList<string> keys)
    {
        List<ParticipantTx>? found = null;
        for (var i = 0; i < keys.Count; i++)
        {
            if (!_byKey.TryGetValue(keys[i], out var queue))
            {
                continue;
            }

            if (found is null)
            {
                found = [.. queue];
                continue;
            }

            foreach (var tx in queue)
            {
                if (!found.Contains(tx))
                {
                    found.Add(tx);
                }
            }
        }

        if (found is null)
        {
            return [];
        }

        // Each queue is in age order already; only the union of several needs sorting.
        var waiters = found.ToArray();
        if (keys.Count > 1)
        {
            Array.Sort(waiters, static (x, y) => x.Priority.CompareTo(y.Priority));
        }

        return waiters;
    }
}
