namespace CrossShard.Core.Locks;

/// <summary>How a participant handles a lock held by another transaction. Both are deadlock-free; neither waits without bound.</summary>
public enum LockPolicy
{
    /// <summary>A conflict fails the prepare at once (vote NO, lock conflict); the client may retry.</summary>
    NoWait,

    /// <summary>
    /// Wait-die by transaction age: an older requester waits (up to the lock wait timeout) for younger holders,
    /// a younger requester dies at once. Waits only ever point from older to younger, so no cycle can form.
    /// </summary>
    WaitDie,
}
