using CrossShard.Core.Ids;

namespace CrossShard.Core.Locks;

/// <summary>
/// Exclusive per-key locks of one shard. Acquisition is all-or-nothing, so a transaction never holds part of its
/// lock set while it waits, and two transactions can never hold the same key.
/// </summary>
public sealed class LockTable
{
    private readonly Dictionary<string, Holder> _holders = new(StringComparer.Ordinal);
    private readonly LockPolicy _policy;

    /// <summary>Creates an empty table that resolves conflicts by <paramref name="policy"/>.</summary>
    public LockTable(LockPolicy policy)
    {
        _policy = policy;
    }

    /// <summary>Number of keys currently locked.</summary>
    public int Count => _holders.Count;

    /// <summary>The transaction holding <paramref name="key"/>, if any.</summary>
    public bool TryGetHolder(string key, out TxId holder)
    {
        var found = _holders.TryGetValue(key, out var h);
        holder = h.Tx;
        return found;
    }

    /// <summary>Every held key and its holder, for checks.</summary>
    public IEnumerable<KeyValuePair<string, TxId>> Held => _holders.Select(static kv => KeyValuePair.Create(kv.Key, kv.Value.Tx));

    /// <summary>
    /// Takes every key in <paramref name="keys"/> for <paramref name="tx"/>, or none. Keys already held by
    /// <paramref name="tx"/> itself count as granted (a re-taken lock after recovery).
    /// </summary>
    /// <param name="tx">The requesting transaction.</param>
    /// <param name="priority">Its age: a smaller value is older. Only wait-die and wait-for-older read it.</param>
    /// <param name="keys">The keys to lock.</param>
    public LockOutcome TryAcquireAll(TxId tx, long priority, IReadOnlyList<string> keys)
    {
        var mayWait = _policy != LockPolicy.NoWait;
        var conflict = false;
        for (var i = 0; i < keys.Count; i++)
        {
            if (_holders.TryGetValue(keys[i], out var holder) && holder.Tx != tx)
            {
                conflict = true;
                // Every wait points the same way in age (wait-die: older waits for younger; wait-for-older: the reverse).
                // Ordered acquisition needs no ages: its waits point up the shard order, so any requester may wait.
                if (_policy is LockPolicy.WaitDie or LockPolicy.WaitForOlder && IsOlder(priority, tx, holder) != (_policy == LockPolicy.WaitDie))
                {
                    mayWait = false;
                }
            }
        }

        if (conflict)
        {
            return mayWait ? LockOutcome.Wait : LockOutcome.Conflict;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            _holders[keys[i]] = new Holder(tx, priority);
        }

        return LockOutcome.Granted;
    }

    /// <summary>Releases the keys of <paramref name="keys"/> that <paramref name="tx"/> holds; others are left alone.</summary>
    public void ReleaseAll(TxId tx, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (_holders.TryGetValue(keys[i], out var holder) && holder.Tx == tx)
            {
                _holders.Remove(keys[i]);
            }
        }
    }

    // Ties in priority are broken by the id so that the order is total and every node agrees on it.
    private static bool IsOlder(long priority, TxId tx, Holder holder) =>
        priority < holder.Priority || (priority == holder.Priority && Compare(tx, holder.Tx) < 0);

    private static int Compare(TxId x, TxId y)
    {
        var c = x.A.CompareTo(y.A);
        if (c == 0)
        {
            c = x.B.CompareTo(y.B);
        }

        if (c == 0)
        {
            c = x.C.CompareTo(y.C);
        }

        return c == 0 ? x.D.CompareTo(y.D) : c;
    }

    private readonly record struct Holder(TxId Tx, long Priority);
}
