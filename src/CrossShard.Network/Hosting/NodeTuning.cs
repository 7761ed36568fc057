namespace CrossShard.Network.Hosting;

/// <summary>
/// Optional per-node settings of a node config file (<c>tuning</c>); each null keeps the library default of
/// <see cref="Node.Api.CrossShardConfig"/>. To add one: add the property, check its range in <see cref="NodeConfig"/>
/// validation, and map it in <see cref="NodeConfig.ToCrossShardConfig"/>.
/// </summary>
public sealed record NodeTuning
{
    /// <summary>Client transactions admitted at once (1..10,000,000). Default 20,000.</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>Inputs per event-loop iteration sharing one durable write (1..100,000). Default 512.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Vote timeout in milliseconds (1..86,400,000). Default 5,000.</summary>
    public int? TransactionTimeoutMs { get; init; }

    /// <summary>Heartbeat interval in milliseconds (1..86,400,000). Default 1,000.</summary>
    public int? HeartbeatIntervalMs { get; init; }

    /// <summary>Missed heartbeats before a peer is marked down (1..1000). Default 3.</summary>
    public int? MissedHeartbeatsBeforeDown { get; init; }

    /// <summary>How long shutdown waits for admitted submissions to finish, in milliseconds (0..600,000). Default 10,000.</summary>
    public int? DrainTimeoutMs { get; init; }

    /// <summary>
    /// The most a loaded node waits between two signing rounds, in milliseconds (1..1,000). Default 10. Longer means
    /// fewer ML-DSA signatures (and fewer verifications at every peer) per second, and more latency per signed hop;
    /// <c>xshard cluster init</c> writes 20 for its nodes, which share one machine's cores.
    /// </summary>
    public int? MaxSigningIntervalMs { get; init; }

    /// <summary>
    /// What a prepare does when an account is locked: <c>no-wait</c> (the default), <c>wait-die</c>,
    /// <c>wait-for-older</c> or <c>ordered</c> (<see cref="Core.Locks.LockPolicyNames"/>). Every node of a cluster should use the same one.
    /// </summary>
    public string? LockPolicy { get; init; }
}
