using System.Collections.Immutable;
using CrossShard.Core.Collections;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Node.Api;

/// <summary>
/// The statuses of the most recent finished transactions, up to a bound, kept where the garbage collector barely
/// looks: one value per transaction in one table, no object per transaction. A node keeps 100,000 of them by
/// default; as objects (a cell, a status record, an outcome, a participant array and a dictionary node each) they
/// were several hundred thousand long-lived objects per node that every collection had to trace or promote: as values,
/// back to back at saturation, 54.2k vs 46.5k committed/s in memory and 30.9k vs 29.0k durable, p99 ~25% lower
/// (docs/benchmarks.md, session 5).
/// </summary>
internal sealed class FinishedStatuses
{
    // Transfers touch a handful of shard sets again and again; one shared array per set instead of one per transaction.
    private const int MaxInternedSets = 4096;

    // Written by the node's loop, read by any thread asking for a status.
    private readonly Lock _gate = new();
    private readonly RecentMap<Finished> _byTx;
    private readonly Dictionary<ParticipantSet, ImmutableArray<ShardId>> _sets = [];

    public FinishedStatuses(int capacity)
    {
        _byTx = new RecentMap<Finished>(capacity);
    }

    /// <summary>Whether the status of <paramref name="tx"/> is remembered.</summary>
    public bool Contains(TxId tx)
    {
        lock (_gate)
        {
            return _byTx.TryGet(tx, out _);
        }
    }

    /// <summary>Remembers how <paramref name="tx"/> ended, forgetting the oldest beyond the bound.</summary>
    public void Add(TxId tx, TransactionOutcome outcome, ImmutableArray<ShardId> participants)
    {
        lock (_gate)
        {
            _byTx.Set(tx, new Finished(outcome.Decision, outcome.Reason, outcome.Shard?.Value ?? -1, Intern(participants)));
        }
    }

    /// <summary>The status of a remembered finished transaction.</summary>
    public bool TryGet(TxId tx, out TransactionStatus status)
    {
        Finished finished;
        lock (_gate)
        {
            if (!_byTx.TryGet(tx, out finished))
            {
                status = TransactionStatus.Unknown(tx);
                return false;
            }
        }

        var committed = finished.Decision == DecisionKind.Commit;
        var outcome = committed
            ? TransactionOutcome.Committed(tx)
            : TransactionOutcome.Aborted(tx, finished.Reason, finished.Culprit >= 0 ? new ShardId(finished.Culprit) : null);
        status = new TransactionStatus(tx, committed ? TransactionPhase.Committed : TransactionPhase.Aborted, true, outcome, finished.Participants);
        return true;
    }

    private ImmutableArray<ShardId> Intern(ImmutableArray<ShardId> participants)
    {
        if (participants.IsDefault)
        {
            return participants;
        }

        var key = new ParticipantSet(participants);
        if (_sets.TryGetValue(key, out var shared))
        {
            return shared;
        }

        if (_sets.Count < MaxInternedSets)
        {
            _sets.Add(key, participants);
        }

        return participants;
    }

    private readonly record struct Finished(DecisionKind Decision, AbortReason Reason, int Culprit, ImmutableArray<ShardId> Participants);

    // Equal when the shards are equal, in order (participants are sorted).
    private readonly struct ParticipantSet(ImmutableArray<ShardId> shards) : IEquatable<ParticipantSet>
    {
        private readonly ImmutableArray<ShardId> _shards = shards;

        public bool Equals(ParticipantSet other) => _shards.AsSpan().SequenceEqual(other._shards.AsSpan());

        public override bool Equals(object? obj) => obj is ParticipantSet other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var shard in _shards)
            {
                hash.Add(shard.Value);
            }

            return hash.ToHashCode();
        }
    }
}
