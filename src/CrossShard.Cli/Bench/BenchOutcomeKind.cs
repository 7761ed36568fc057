namespace CrossShard.Cli.Bench;

/// <summary>How a submitted transfer ended.</summary>
public enum BenchOutcomeKind
{
    /// <summary>Committed on every participant.</summary>
    Committed,

    /// <summary>Aborted by the protocol, with a reason.</summary>
    Aborted,

    /// <summary>
    /// Refused before entering the protocol (a typed validation error; none expected from this workload), or, in
    /// cluster mode, no outcome: the node was busy or could not be reached.
    /// </summary>
    Rejected,
}
