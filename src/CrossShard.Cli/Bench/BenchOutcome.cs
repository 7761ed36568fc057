using CrossShard.Core.Messages;

namespace CrossShard.Cli.Bench;

/// <summary>What a target answered for one transfer.</summary>
/// <param name="Kind">Committed, aborted or rejected.</param>
/// <param name="Reason">Why it aborted; <see cref="AbortReason.None"/> otherwise.</param>
public readonly record struct BenchOutcome(BenchOutcomeKind Kind, AbortReason Reason)
{
    /// <summary>A committed transfer.</summary>
    public static BenchOutcome Committed => new(BenchOutcomeKind.Committed, AbortReason.None);

    /// <summary>A transfer refused before entering the protocol.</summary>
    public static BenchOutcome Rejected => new(BenchOutcomeKind.Rejected, AbortReason.None);

    /// <summary>An aborted transfer.</summary>
    public static BenchOutcome Aborted(AbortReason reason) => new(BenchOutcomeKind.Aborted, reason);

    /// <summary>The outcome the protocol reported to its client.</summary>
    public static BenchOutcome From(TransactionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.IsCommitted ? Committed : Aborted(outcome.Reason);
    }
}
