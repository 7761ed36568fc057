using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;

namespace CrossShard.Storage;

/// <summary>Everything a node rebuilds its protocol state from after a restart.</summary>
/// <param name="IsNew">True when the store was just created from the genesis.</param>
/// <param name="Accounts">Every account with its committed state.</param>
/// <param name="Anchors">Every anchor key recorded on this shard.</param>
/// <param name="InDoubt">Participant: PREPARED records without a COMMITTED or ABORTED record (locks must be re-taken).</param>
/// <param name="Committing">Coordinator: COMMIT records without an END record (COMMIT must be re-sent).</param>
/// <param name="Decided">Participant: the decisions of finished transactions still retained, so a late or repeated Prepare is refused.</param>
/// <param name="RecordsReplayed">How many log records were read to recover (for start-up metrics).</param>
public sealed record RecoveredState(
    bool IsNew,
    IReadOnlyDictionary<string, AccountState> Accounts,
    IReadOnlySet<string> Anchors,
    IReadOnlyList<PreparedRecord> InDoubt,
    IReadOnlyList<CommitDecisionRecord> Committing,
    IReadOnlyDictionary<TxId, DecisionKind> Decided,
    long RecordsReplayed)
{
    /// <summary>The decided transactions whose decision an operator took by hand (the alarm fires if the real one differs).</summary>
    public IReadOnlySet<TxId> HeuristicDecisions { get; init; } = new HashSet<TxId>();
}
