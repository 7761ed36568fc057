using System.Collections.Immutable;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Participation;

/// <summary>A participant's record of one undecided transaction.</summary>
internal sealed class ParticipantTx
{
    public ParticipantTx(Prepare prepare, ImmutableArray<string> lockKeys)
    {
        Prepare = prepare;
        LockKeys = lockKeys;
    }

    public Prepare Prepare { get; }

    public ImmutableArray<string> LockKeys { get; }

    public ParticipantPhase Phase { get; set; }

    public ImmutableArray<KeyWrite> Writes { get; set; } = [];

    /// <summary>Wait-die: when the lock wait ends.</summary>
    public TimeSpan LockDeadline { get; set; }

    /// <summary>When the YES vote left; the decision's arrival time minus this is how long decisions take.</summary>
    public TimeSpan VotedAt { get; set; }

    /// <summary>Prepared: how many status queries were sent, for the backoff.</summary>
    public int QueryAttempt { get; set; }

    /// <summary>The due time of the one live timer of this transaction; timers with another due time are stale.</summary>
    public TimeSpan TimerDue { get; set; }
}
