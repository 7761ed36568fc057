using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Invariants;

/// <summary>
/// Checks the invariants of PROTOCOL.md §6 against the history of a run: the submitted transactions, every shard's
/// protocol events and the outcomes clients were told. Atomicity, lock isolation and validity are checked as events
/// arrive; termination and agreement with clients by <see cref="CheckFinished"/>. Thread-safe: nodes report from their own loops.
/// </summary>
public sealed class HistoryChecker
{
    private readonly ShardMap _map;
    private readonly Lock _gate = new();
    private readonly Dictionary<TxId, Transaction> _submitted = [];
    private readonly Dictionary<TxId, int> _accepted = [];
    private readonly Dictionary<TxId, TxHistory> _history = [];
    private readonly Dictionary<(ShardId Shard, string Key), TxId> _locks = [];
    private readonly Dictionary<TxId, TransactionOutcome> _told = [];
    private readonly List<string> _violations = [];
    private long _partialCommitOffset;

    /// <summary>Creates a checker for a cluster with the given account-to-shard rule.</summary>
    public HistoryChecker(ShardMap map)
    {
        _map = map;
    }

    /// <summary>Violations found so far, each a sentence naming the transaction and the invariant.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return _violations.ToList();
            }
        }
    }

    /// <summary>
    /// How far the sum of all balances may differ from the genesis total right now: transactions committed at some of
    /// their shards but not yet at the others have moved funds out of (or into) the shards that applied them. Zero once
    /// every commit reached every participant. Conservation (invariant 2) at any instant: total = genesis + this.
    /// </summary>
    public long PartialCommitOffset
    {
        get
        {
            lock (_gate)
            {
                return _partialCommitOffset;
            }
        }
    }

    /// <summary>Number of violations found so far (cheap to poll after every step).</summary>
    public int ViolationCount
    {
        get
        {
            lock (_gate)
            {
                return _violations.Count;
            }
        }
    }

    /// <summary>Adds a violation found by a harness (conservation, termination, a protocol violation).</summary>
    public void ReportViolation(string violation)
    {
        lock (_gate)
        {
            _violations.Add(violation);
        }
    }

    /// <summary>Number of transactions committed at their coordinator.</summary>
    public int CommittedCount
    {
        get
        {
            lock (_gate)
            {
                return _history.Values.Count(static h => h.CommitLogged);
            }
        }
    }

    /// <summary>Records a transaction a client submitted (before or as it enters the protocol).</summary>
    public void RecordSubmitted(Transaction transaction)
    {
        // The id is a SHA3 over the transaction: computed before taking the lock every client and shard contends for.
        var id = transaction.Id;
        lock (_gate)
        {
            _submitted.TryAdd(id, transaction);
            _accepted[id] = _accepted.GetValueOrDefault(id) + 1;
        }
    }

    /// <summary>Records that a submission was refused before entering the protocol: its client expects no outcome from it.</summary>
    public void RecordRefused(Transaction transaction)
    {
        var id = transaction.Id;
        lock (_gate)
        {
            _accepted[id] = _accepted.GetValueOrDefault(id) - 1;
        }
    }

    /// <summary>Records that a client will never hear the outcome of an accepted submission (its coordinator crashed first).</summary>
    public void RecordAbandoned(TxId tx)
    {
        lock (_gate)
        {
            _accepted[tx] = _accepted.GetValueOrDefault(tx) - 1;
        }
    }

    /// <summary>
    /// A shard crashed and restarted from its durable state: what it had applied without making durable is gone and
    /// will be re-applied, so only the durable decisions and the recovered in-doubt locks count from now on.
    /// </summary>
    /// <param name="shard">The restarted shard.</param>
    /// <param name="durableDecisions">The decisions its store kept.</param>
    /// <param name="inDoubt">The in-doubt transactions and the keys they locked again.</param>
    public void ShardRestarted(ShardId shard, IReadOnlyDictionary<TxId, DecisionKind> durableDecisions, IEnumerable<(TxId Tx, IReadOnlyList<string> LockKeys)> inDoubt)
    {
        lock (_gate)
        {
            foreach (var (tx, history) in _history)
            {
                durableDecisions.TryGetValue(tx, out var decision);
                var durable = durableDecisions.ContainsKey(tx);
                if (!(durable && decision == DecisionKind.Commit) && history.CommittedAt.Remove(shard))
                {
                    // The shard lost an applied commit with its unsynced writes; its balances are back to before it.
                    if (history.Complete)
                    {
                        foreach (var other in history.CommittedAt)
                        {
                            _partialCommitOffset += DeltaAt(tx, other);
                        }

                        history.Complete = false;
                    }
                    else
                    {
                        _partialCommitOffset -= DeltaAt(tx, shard);
                    }
                }

                if (!(durable && decision == DecisionKind.Abort))
                {
                    history.AbortedAt.Remove(shard);
                }
            }

            foreach (var key in _locks.Keys.Where(k => k.Shard == shard).ToList())
            {
                _locks.Remove(key);
            }

            foreach (var (tx, keys) in inDoubt)
            {
                foreach (var key in keys)
                {
                    _locks[(shard, key)] = tx;
                }
            }
        }
    }

    /// <summary>Records what a client was told.</summary>
    public void RecordOutcome(TransactionOutcome outcome)
    {
        lock (_gate)
        {
            if (_told.TryGetValue(outcome.Tx, out var earlier) && earlier.Decision != outcome.Decision)
            {
                _violations.Add($"{outcome.Tx}: client told {earlier.Decision} and then {outcome.Decision}");
            }

            _told[outcome.Tx] = outcome;
        }
    }

    /// <summary>Feeds one batch of events from one shard's loop.</summary>
    public void Observe(IReadOnlyList<ProtocolEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                Observe(e);
            }
        }
    }

    private void Observe(ProtocolEvent e)
    {
        if (e.Kind is ProtocolEventKind.ShardDown or ProtocolEventKind.ShardUp)
        {
            return;
        }

        if (!_history.TryGetValue(e.Tx, out var h))
        {
            _history[e.Tx] = h = new TxHistory();
        }

        switch (e.Kind)
        {
            case ProtocolEventKind.CommitLogged:
                Require(_submitted.ContainsKey(e.Tx), e, "validity: COMMIT logged for a transaction no client submitted");
                Require(!h.AbortDecided, e, "atomicity: COMMIT logged after ABORT was decided");
                Require(!h.CommitLogged, e, "validity: COMMIT logged twice");
                h.CommitLogged = true;
                break;
            case ProtocolEventKind.AbortDecided:
                Require(!h.CommitLogged, e, "atomicity: ABORT decided after COMMIT was logged");
                h.AbortDecided = true;
                break;
            case ProtocolEventKind.PreparedLogged:
                TakeLocks(e);
                break;
            case ProtocolEventKind.CommitApplied:
                Require(_submitted.ContainsKey(e.Tx), e, "validity: commit applied for a transaction no client submitted");
                if (Require(h.CommittedAt.Add(e.Shard), e, "validity: commit applied twice on one shard"))
                {
                    _partialCommitOffset += DeltaAt(e.Tx, e.Shard);
                    if (_submitted.TryGetValue(e.Tx, out var committedTx) && h.CommittedAt.Count == committedTx.ParticipantsIn(_map).Length)
                    {
                        // Every participant applied it: its deltas cancel out.
                        foreach (var shard in h.CommittedAt)
                        {
                            _partialCommitOffset -= DeltaAt(e.Tx, shard);
                        }

                        h.Complete = true;
                    }
                }

                Require(h.AbortedAt.Count == 0, e, $"atomicity: committed here, aborted at {string.Join(", ", h.AbortedAt)}");
                Require(!h.AbortDecided, e, "atomicity: commit applied though the coordinator decided ABORT");
                ReleaseLocks(e);
                break;
            case ProtocolEventKind.AbortApplied or ProtocolEventKind.VotedNo:
                Require(h.CommittedAt.Count == 0, e, $"atomicity: aborted here, committed at {string.Join(", ", h.CommittedAt)}");
                Require(!h.CommitLogged, e, "atomicity: aborted here though the coordinator logged COMMIT");
                h.AbortedAt.Add(e.Shard);
                ReleaseLocks(e);
                break;
        }
    }

    private void TakeLocks(ProtocolEvent e)
    {
        if (!_submitted.TryGetValue(e.Tx, out var tx))
        {
            _violations.Add($"{e.Tx} at {e.Shard}: validity: prepared a transaction no client submitted");
            return;
        }

        var shards = tx.OperationShards(_map);
        for (var i = 0; i < shards.Length; i++)
        {
            var op = tx.Operations[i];
            if (shards[i] != e.Shard)
            {
                continue;
            }

            if (_locks.TryGetValue((e.Shard, op.LockKey), out var holder) && holder != e.Tx)
            {
                _violations.Add($"{e.Tx} at {e.Shard}: lock isolation: '{op.Key}' is held by {holder} too");
            }

            _locks[(e.Shard, op.LockKey)] = e.Tx;
        }
    }

    private void ReleaseLocks(ProtocolEvent e)
    {
        if (!_submitted.TryGetValue(e.Tx, out var tx))
        {
            return;
        }

        foreach (var op in tx.Operations)
        {
            var key = (e.Shard, op.LockKey);
            if (_locks.TryGetValue(key, out var holder) && holder == e.Tx)
            {
                _locks.Remove(key);
            }
        }
    }

    /// <summary>
    /// Termination and agreement, once faults stopped and the run is quiet: every submitted transaction was decided,
    /// every client outcome matches what the shards applied, no lock is held. Returns every violation found so far.
    /// </summary>
    /// <param name="expectOutcomeForEverySubmission">True when every client stayed to hear its outcome.</param>
    public IReadOnlyList<string> CheckFinished(bool expectOutcomeForEverySubmission)
    {
        lock (_gate)
        {
            foreach (var (id, tx) in _submitted)
            {
                var participants = tx.ParticipantsIn(_map);
                _history.TryGetValue(id, out var h);
                var told = _told.TryGetValue(id, out var outcome) ? outcome : null;
                if (told is null)
                {
                    if (expectOutcomeForEverySubmission && _accepted.GetValueOrDefault(id) > 0)
                    {
                        _violations.Add($"{id}: termination: the client never heard an outcome");
                    }

                    continue;
                }

                if (told.IsCommitted)
                {
                    foreach (var shard in participants)
                    {
                        if (h is null || !h.CommittedAt.Contains(shard))
                        {
                            _violations.Add($"{id}: client told committed but {shard} did not apply the commit");
                        }
                    }
                }
                else if (h is not null && h.CommittedAt.Count > 0)
                {
                    _violations.Add($"{id}: client told aborted but {string.Join(", ", h.CommittedAt)} committed");
                }
            }

            // Whatever the clients heard (or did not hear, if their coordinator crashed): a logged COMMIT must have
            // reached every participant, and an ABORT decision must have left none committed.
            foreach (var (id, h) in _history)
            {
                if (!_submitted.TryGetValue(id, out var tx))
                {
                    continue;
                }

                if (h.CommitLogged)
                {
                    foreach (var shard in tx.ParticipantsIn(_map).Where(s => !h.CommittedAt.Contains(s)))
                    {
                        _violations.Add($"{id}: termination: COMMIT was logged but {shard} never applied it");
                    }
                }
                else if (h.AbortDecided && h.CommittedAt.Count > 0)
                {
                    _violations.Add($"{id}: atomicity: the coordinator decided ABORT but {string.Join(", ", h.CommittedAt)} committed");
                }
            }

            foreach (var ((shard, key), holder) in _locks)
            {
                _violations.Add($"{holder} at {shard}: termination: still holds the lock on '{key}'");
            }

            return _violations.ToList();
        }
    }

    private bool Require(bool condition, ProtocolEvent e, string what)
    {
        if (!condition)
        {
            _violations.Add($"{e.Tx} at {e.Shard}: {what}");
        }

        return condition;
    }

    // The net change a transaction makes to the balances of one shard (credits minus debits there).
    private long DeltaAt(TxId tx, ShardId shard)
    {
        if (!_submitted.TryGetValue(tx, out var transaction))
        {
            return 0;
        }

        var shards = transaction.OperationShards(_map);
        long delta = 0;
        for (var i = 0; i < shards.Length; i++)
        {
            var op = transaction.Operations[i];
            if (shards[i] == shard)
            {
                delta += op.Kind switch
                {
                    OperationKind.Credit => op.Amount,
                    OperationKind.Debit => -op.Amount,
                    _ => 0,
                };
            }
        }

        return delta;
    }

    private sealed class TxHistory
    {
        public bool CommitLogged { get; set; }

        public bool AbortDecided { get; set; }

        public HashSet<ShardId> CommittedAt { get; } = [];

        public HashSet<ShardId> AbortedAt { get; } = [];

        /// <summary>True once every participant applied the commit (its deltas no longer count as partial).</summary>
        public bool Complete { get; set; }
    }
}
