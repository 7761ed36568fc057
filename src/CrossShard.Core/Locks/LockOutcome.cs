namespace CrossShard.Core.Locks;

/// <summary>The answer of <see cref="LockTable.TryAcquireAll"/>.</summary>
public enum LockOutcome
{
    /// <summary>Every lock was taken.</summary>
    Granted,

    /// <summary>Nothing was taken; the requester may wait for the holders (wait-die, requester older than every holder).</summary>
    Wait,

    /// <summary>Nothing was taken; the requester must give up (no-wait, or wait-die with a requester younger than a holder).</summary>
    Conflict,
}
