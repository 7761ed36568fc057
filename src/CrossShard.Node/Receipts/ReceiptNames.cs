using CrossShard.Core.Messages;

namespace CrossShard.Node.Receipts;

/// <summary>The JSON names of decisions and abort reasons: an explicit table, so renaming an enum member never changes the format.</summary>
internal static class ReceiptNames
{
    private static readonly (AbortReason Reason, string Name)[] Reasons =
    [
        (AbortReason.None, "none"),
        (AbortReason.InsufficientFunds, "insufficientFunds"),
        (AbortReason.LockConflict, "lockConflict"),
        (AbortReason.LockTimeout, "lockTimeout"),
        (AbortReason.UnknownAccount, "unknownAccount"),
        (AbortReason.AnchorExists, "anchorExists"),
        (AbortReason.VoteTimeout, "voteTimeout"),
        (AbortReason.ShardDown, "shardDown"),
        (AbortReason.AlreadyDecided, "alreadyDecided"),
        (AbortReason.NotParticipant, "notParticipant"),
        (AbortReason.PresumedAbort, "presumedAbort"),
        (AbortReason.Heuristic, "heuristic"),
        (AbortReason.InvalidTransaction, "invalidTransaction"),
    ];

    /// <summary>Every (reason, name) pair, for the docs test that keeps the table complete.</summary>
    public static IReadOnlyList<(AbortReason Reason, string Name)> AllReasons => Reasons;

    public static string Decision(DecisionKind decision) => decision switch
    {
        DecisionKind.Commit => "commit",
        DecisionKind.Abort => "abort",
        _ => $"decision-{(byte)decision}",
    };

    public static bool TryParseDecision(string name, out DecisionKind decision)
    {
        decision = name switch
        {
            "commit" => DecisionKind.Commit,
            "abort" => DecisionKind.Abort,
            _ => default,
        };
        return decision != default;
    }

    public static string Reason(AbortReason reason)
    {
        foreach (var (candidate, name) in Reasons)
        {
            if (candidate == reason)
            {
                return name;
            }
        }

        return $"reason-{(byte)reason}";
    }

    public static bool TryParseReason(string name, out AbortReason reason)
    {
        foreach (var (candidate, candidateName) in Reasons)
        {
            if (candidateName == name)
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
