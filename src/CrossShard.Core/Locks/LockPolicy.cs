namespace CrossShard.Core.Locks;

/// <summary>How a participant handles a lock held by another transaction. All are deadlock-free; none waits without bound.</summary>
public enum LockPolicy
{
    /// <summary>A conflict fails the prepare at once (vote NO, lock conflict); the client may retry.</summary>
    NoWait,

    /// <summary>
    /// Wait-die by transaction age: an older requester waits (up to the lock wait timeout) for younger holders,
    /// a younger requester dies at once. Waits only ever point from older to younger, so no cycle can form.
    /// </summary>
    WaitDie,

    /// <summary>
    /// Wait for older holders only: a younger requester waits (up to the lock wait timeout) for older holders, an older
    /// requester that meets a younger holder gives up at once: it cannot wound it, since a holder has already voted YES.
    /// Waits only ever point from younger to older, so no cycle can form. Under a hot spot requests mostly arrive younger
    /// than the holder, so they queue instead of failing.
    /// </summary>
    WaitForOlder,

    /// <summary>
    /// Ordered acquisition: the coordinator asks its participants one at a time in shard order, the next only once the
    /// previous one voted YES, and a requester always waits (up to the lock wait timeout), whatever its age. A
    /// transaction waiting at a shard holds locks only at shards before it in that order (a shard grants all of a
    /// transaction's keys or none), so every wait points up the order and no cycle can form. Conflicts queue instead of
    /// aborting. Every node of a cluster must run it: a coordinator that asks in parallel breaks the order.
    /// </summary>
    Ordered,
}
