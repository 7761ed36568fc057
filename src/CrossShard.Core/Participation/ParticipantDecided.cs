using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>What a participant remembers of a transaction it has finished: the decision and, if it voted NO, why.</summary>
/// <param name="Decision">COMMIT or ABORT as applied here.</param>
/// <param name="VoteReason">The reason of this shard's NO vote, re-sent on a duplicate Prepare; otherwise <see cref="AbortReason.AlreadyDecided"/>.</param>
/// <param name="Heuristic">True when an operator decided it by hand rather than the coordinator.</param>
public readonly record struct ParticipantDecided(DecisionKind Decision, AbortReason VoteReason, bool Heuristic = false);
