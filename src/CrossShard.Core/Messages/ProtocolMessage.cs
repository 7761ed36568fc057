using System.Collections.Immutable;
using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Messages;

/// <summary>A protocol message between shards. It reaches the core only after the driver has authenticated its sender.</summary>
/// <param name="Tx">The transaction the message is about.</param>
/// <param name="From">The sending shard; the driver checks it against the authenticated sender.</param>
public abstract record ProtocolMessage(TxId Tx, ShardId From);

/// <summary>Coordinator → participant, request: lock, validate and log the participant's part, then answer with a <see cref="Vote"/>.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The coordinator.</param>
/// <param name="Transaction">The whole transaction; each participant applies the operations on its own shard.</param>
/// <param name="Participants">Every participant shard, ascending; used for cooperative termination.</param>
/// <param name="Priority">The transaction's age for the waiting lock policies (smaller is older), fixed by the coordinator.</param>
public sealed record Prepare(TxId Tx, ShardId From, Transaction Transaction, ImmutableArray<ShardId> Participants, long Priority)
    : ProtocolMessage(Tx, From);

/// <summary>Participant → coordinator, reply to <see cref="Prepare"/>: YES once the PREPARED record is durable, or NO with the reason.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The voting participant.</param>
/// <param name="Kind">YES or NO.</param>
/// <param name="Reason">Why NO; <see cref="AbortReason.None"/> for YES.</param>
public sealed record Vote(TxId Tx, ShardId From, VoteKind Kind, AbortReason Reason) : ProtocolMessage(Tx, From);

/// <summary>Coordinator → participant, one-way and retransmitted until acknowledged: the outcome of the transaction.</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The coordinator.</param>
/// <param name="Kind">COMMIT or ABORT.</param>
/// <param name="Presumed">
/// True for an ABORT answered because the coordinator has no record of the transaction (presumed abort). It is
/// authoritative for a participant still in doubt; a participant that already committed got that answer to a late,
/// duplicated question after the coordinator forgot a finished transaction, and ignores it.
/// </param>
public sealed record Decision(TxId Tx, ShardId From, DecisionKind Kind, bool Presumed = false) : ProtocolMessage(Tx, From);

/// <summary>Participant → coordinator, reply to <see cref="Decision"/> once the decision is applied (and logged).</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The acknowledging participant.</param>
public sealed record Ack(TxId Tx, ShardId From) : ProtocolMessage(Tx, From);

/// <summary>In-doubt participant → coordinator, request: "what did you decide?"; answered with a <see cref="Decision"/> (ABORT when unknown: presumed abort).</summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The asking participant.</param>
public sealed record StatusQuery(TxId Tx, ShardId From) : ProtocolMessage(Tx, From);

/// <summary>
/// In-doubt participant → the other participants, request, when its coordinator does not answer (cooperative
/// termination): "do you know the outcome?". A peer that decided answers with that <see cref="Decision"/>; a peer
/// that never voted YES aborts and answers ABORT; a peer in doubt itself stays silent.
/// </summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The asking participant.</param>
public sealed record PeerStatusQuery(TxId Tx, ShardId From) : ProtocolMessage(Tx, From);

/// <summary>
/// Participant → in-doubt peer participant, reply to <see cref="PeerStatusQuery"/>: the decision this shard applied,
/// or ABORT if it never voted YES (and now never will). Distinct from <see cref="Decision"/>, which only the
/// transaction's coordinator sends, so a peer's answer can never be mistaken for a coordinator's decision.
/// </summary>
/// <param name="Tx">The transaction id.</param>
/// <param name="From">The answering participant.</param>
/// <param name="Kind">COMMIT or ABORT.</param>
public sealed record PeerDecision(TxId Tx, ShardId From, DecisionKind Kind) : ProtocolMessage(Tx, From);

/// <summary>Node → every peer, one-way, every heartbeat interval: "I am alive". Any authenticated message counts as a sign of life too.</summary>
/// <param name="From">The sending node.</param>
public sealed record Heartbeat(ShardId From) : ProtocolMessage(default, From);
