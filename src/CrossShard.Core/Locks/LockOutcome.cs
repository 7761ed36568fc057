namespace CrossShard.Core.Locks;

/// <summary>The answer of <see cref="LockTable.TryAcquireAll"/>.</summary>
public enum LockOutcome
{
    /// <summary>Every lock was taken.</summary>
    Granted,

    /// <summary>Nothing was taken; the requester may wait for the holders (wait-die and older than every holder, wait-for-older and younger than every holder, or ordered).</summary>
    Wait,

    /// <summary>Nothing was taken; the requester must give up (no-wait, or a holder on the wrong side of its age for the waiting policy).</summary>
    Conflict,
}
