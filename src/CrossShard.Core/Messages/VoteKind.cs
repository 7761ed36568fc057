namespace CrossShard.Core.Messages;

/// <summary>A participant's answer to a prepare.</summary>
public enum VoteKind : byte
{
    /// <summary>Prepared: locks held and the PREPARED record durable; the participant now waits for the decision.</summary>
    Yes = 1,

    /// <summary>Refused: nothing held, nothing logged; the participant has already aborted on its own.</summary>
    No = 2,
}
