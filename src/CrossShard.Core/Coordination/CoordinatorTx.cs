using System.Collections.Immutable;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Coordination;

/// <summary>A coordinator's record of one unfinished transaction. Participants are tracked by their index in <see cref="Participants"/> (at most 64).</summary>
internal sealed class CoordinatorTx
{
    public CoordinatorTx(Prepare prepare, TimeSpan startedAt, TimeSpan voteDeadline)
    {
        Prepare = prepare;
        StartedAt = startedAt;
        VoteDeadline = voteDeadline;
        AllMask = prepare.Participants.Length == 64 ? ulong.MaxValue : (1UL << prepare.Participants.Length) - 1;
    }

    public Prepare Prepare { get; }

    public TxId Id => Prepare.Tx;

    public ImmutableArray<ShardId> Participants => Prepare.Participants;

    public ulong AllMask { get; }

    public CoordinatorPhase Phase { get; set; }

    public ulong YesVotes { get; set; }

    public ulong NoVotes { get; set; }

    public ulong Acks { get; set; }

    /// <summary>
    /// Participants not sent their Prepare yet (<see cref="Coordinator"/>, "held back at submission"): under no-wait
    /// the others until this node's own shard has voted YES, under wait-die this node's own shard, when its accounts
    /// were locked at submission, until every other participant has; under ordered acquisition every participant after
    /// the first in shard order, asked one at a time. They have seen nothing, so they owe no vote to retransmit for and
    /// no acknowledgement.
    /// </summary>
    public ulong Deferred { get; set; }

    /// <summary>Participants whose Prepare was held back and then sent, at <see cref="PreparedLateAt"/>.</summary>
    public ulong PreparedLate { get; set; }

    /// <summary>When the latest held-back Prepares were sent: their votes' round trips count from here.</summary>
    public TimeSpan PreparedLateAt { get; set; }

    public TimeSpan VoteDeadline { get; }

    /// <summary>When Prepare was first sent; a vote's arrival time minus this is a round-trip sample.</summary>
    public TimeSpan StartedAt { get; }

    /// <summary>Retransmissions so far in the current phase, for the backoff.</summary>
    public int Attempt { get; set; }

    /// <summary>The due time of the live retry timer; timers with another due time are stale.</summary>
    public TimeSpan RetryDue { get; set; }

    public DecisionKind Decision => Phase == CoordinatorPhase.Committing ? DecisionKind.Commit : DecisionKind.Abort;

    /// <summary>The participants that still owe an acknowledgement: NO voters aborted alone and owe none.</summary>
    public ulong AwaitingAck => AllMask & ~Acks & ~NoVotes & ~Deferred;

    public int IndexOf(ShardId shard)
    {
        for (var i = 0; i < Participants.Length; i++)
        {
            if (Participants[i] == shard)
            {
                return i;
            }
        }

        return -1;
    }
}
