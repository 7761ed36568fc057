using CrossShard.Core.Effects;
using CrossShard.Core.Messages;

namespace CrossShard.Storage;

/// <summary>How a store keeps records that need no frame of their own.</summary>
internal static class StoredAs
{
    /// <summary>
    /// A heuristic decision changes the store exactly like the real decision would (writes installed or dropped,
    /// PREPARED removed, decision remembered); its audit trail is the node's log and metrics.
    /// </summary>
    public static LogRecord Normalize(LogRecord record) => record switch
    {
        HeuristicDecisionRecord { Decision: DecisionKind.Commit } h => new CommittedRecord(h.Tx, h.Writes),
        HeuristicDecisionRecord h => new AbortedRecord(h.Tx),
        _ => record,
    };
}
