using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Node.Manifest;

namespace CrossShard.Node.Receipts;

/// <summary>The structural rules a receipt's fields must meet before they have a signed form.</summary>
internal static class ReceiptRules
{
    /// <summary>Null when the fields are well formed, otherwise the first broken rule.</summary>
    public static string? Problem(
        string clusterId,
        DecisionKind decision,
        AbortReason reason,
        ReadOnlySpan<ShardId> participants,
        ShardId coordinator,
        long issuedAtUnixMs)
    {
        if (ClusterIdRules.Check(clusterId) is { } bad)
        {
            return bad.Problem;
        }

        if (!Enum.IsDefined(reason))
        {
            return $"abort reason {(byte)reason} is not defined";
        }

        switch (decision)
        {
            case DecisionKind.Commit when reason != AbortReason.None:
                return $"a commit carries abort reason '{ReceiptNames.Reason(reason)}'; it must be 'none'";
            case DecisionKind.Abort when reason == AbortReason.None:
                return "an abort carries no abort reason";
            case not (DecisionKind.Commit or DecisionKind.Abort):
                return $"decision {(byte)decision} is not defined";
        }

        if (participants.IsEmpty || participants.Length > ReceiptLayout.MaxParticipants)
        {
            return $"participants must hold 1..{ReceiptLayout.MaxParticipants} shards; got {participants.Length}";
        }

        for (var i = 0; i < participants.Length; i++)
        {
            if (participants[i].Value < 0 || (i > 0 && participants[i].Value <= participants[i - 1].Value))
            {
                return $"participants must be non-negative shard ids in strictly ascending order; participants[{i}] is {participants[i].Value}";
            }
        }

        if (coordinator.Value < 0)
        {
            return $"coordinator {coordinator.Value} is negative";
        }

        return issuedAtUnixMs < 0 ? $"issuedAtUnixMs {issuedAtUnixMs} is negative" : null;
    }
}
