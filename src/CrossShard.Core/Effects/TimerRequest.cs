using CrossShard.Core.Ids;

namespace CrossShard.Core.Effects;

/// <summary>Asks the driver to call the state machine back with <see cref="Kind"/> for <see cref="Tx"/> at <see cref="DueAt"/>.</summary>
/// <param name="Tx">The transaction.</param>
/// <param name="Kind">Which timer.</param>
/// <param name="DueAt">When, on the driver's clock.</param>
public readonly record struct TimerRequest(TxId Tx, TimerKind Kind, TimeSpan DueAt);
