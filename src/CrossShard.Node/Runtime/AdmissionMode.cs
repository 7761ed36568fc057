namespace CrossShard.Node.Runtime;

/// <summary>What a submission does when the node already has its maximum of client transactions in flight.</summary>
public enum AdmissionMode
{
    /// <summary>Wait for a slot (backpressure); the library default.</summary>
    WaitForSlot,

    /// <summary>Fail at once with <see cref="NodeBusyException"/>, so a remote client can back off or go elsewhere.</summary>
    FailWhenBusy,
}
