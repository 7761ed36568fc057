namespace CrossShard.Core.Messages;

/// <summary>The coordinator's decision for a transaction.</summary>
public enum DecisionKind : byte
{
    /// <summary>Every participant voted YES and the COMMIT record is durable.</summary>
    Commit = 1,

    /// <summary>Some participant voted NO or timed out, or the coordinator has no COMMIT record (presumed abort).</summary>
    Abort = 2,
}
