using System.Collections.Immutable;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Effects;

/// <summary>A write-ahead log record the core asks the driver to persist. Forced records must be durable before any message or reply of the same batch leaves the node.</summary>
/// <param name="Tx">The transaction the record belongs to.</param>
public abstract record LogRecord(TxId Tx)
{
    /// <summary>True when the protocol depends on this record surviving a crash before it speaks (PREPARED, COMMIT).</summary>
    public abstract bool IsForced { get; }
}

/// <summary>Participant: it voted YES; holds the writes it will install on COMMIT and the keys it locked.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="Coordinator">Whom to ask about the outcome after a crash.</param>
/// <param name="Participants">Every participant, for cooperative termination.</param>
/// <param name="Priority">The age the waiting lock policies compare, to re-take the locks with after recovery.</param>
/// <param name="Writes">The new state of every key the transaction changes on this shard.</param>
/// <param name="LockKeys">The keys locked for the transaction on this shard.</param>
public sealed record PreparedRecord(
    TxId Tx,
    ShardId Coordinator,
    ImmutableArray<ShardId> Participants,
    long Priority,
    ImmutableArray<KeyWrite> Writes,
    ImmutableArray<string> LockKeys) : LogRecord(Tx)
{
    /// <inheritdoc />
    public override bool IsForced => true;
}

/// <summary>
/// Participant: the COMMIT decision was applied with these writes. Forced: the Ack that follows lets the coordinator
/// write END and forget the transaction, after which a participant that lost this record would be told "abort"
/// (presumed abort) for a committed transaction.
/// </summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="Writes">The writes installed.</param>
public sealed record CommittedRecord(TxId Tx, ImmutableArray<KeyWrite> Writes) : LogRecord(Tx)
{
    /// <inheritdoc />
    public override bool IsForced => true;
}

/// <summary>
/// Participant: the transaction is aborted here — the ABORT decision was applied after a YES vote, or this shard
/// promised a peer in doubt that it will never vote YES (cooperative termination). Not forced after a decision: if it
/// is lost, recovery asks and presumed abort answers ABORT again. Forced for a promise: a shard that forgot it
/// could vote YES later and let the coordinator commit what a peer already aborted.
/// </summary>
/// <param name="Tx">The transaction id.</param>
public sealed record AbortedRecord(TxId Tx) : LogRecord(Tx)
{
    /// <summary>True when the record must be durable before the batch's messages leave (a promise to a peer).</summary>
    public bool Forced { get; init; }

    /// <inheritdoc />
    public override bool IsForced => Forced;
}

/// <summary>Coordinator: every participant voted YES. Once durable this is the commit point.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="Participants">Who must acknowledge the COMMIT.</param>
/// <param name="Transaction">The transaction, so a recovered coordinator can answer status queries and clients.</param>
public sealed record CommitDecisionRecord(TxId Tx, ImmutableArray<ShardId> Participants, Transaction Transaction) : LogRecord(Tx)
{
    /// <inheritdoc />
    public override bool IsForced => true;
}

/// <summary>Coordinator: every participant acknowledged; the transaction can be forgotten.</summary>
/// <param name="Tx">The transaction id.</param>
public sealed record EndRecord(TxId Tx) : LogRecord(Tx)
{
    /// <inheritdoc />
    public override bool IsForced => false;
}

/// <summary>
/// Participant: an operator decided an in-doubt transaction by hand (a heuristic decision), with the writes installed
/// if it was COMMIT. Forced: the operator is told only once it is durable. Audited and reported; a later conflicting
/// real decision raises the "heuristic mixed" alarm.
/// </summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="Decision">What the operator decided.</param>
/// <param name="Writes">The writes installed (COMMIT) or none (ABORT).</param>
public sealed record HeuristicDecisionRecord(TxId Tx, Messages.DecisionKind Decision, ImmutableArray<KeyWrite> Writes) : LogRecord(Tx)
{
    /// <inheritdoc />
    public override bool IsForced => true;
}
