using CrossShard.Core;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Timing;
using CrossShard.Storage;

namespace CrossShard.Simulation;

/// <summary>Node life cycle: boot or recover from the store, flush a batch (where crashes strike), crash.</summary>
public sealed partial class Simulator
{
    private void Boot(SimNode node)
    {
        var identity = new StoreIdentity($"sim-{_seed}", node.Shard, _nodes.Length);
        var genesis = Enumerable.Range(0, _options.Accounts)
            .Select(AccountName)
            .Where(a => _map.ShardOf(a) == node.Shard)
            .ToDictionary(a => a, _ => _options.InitialBalance, StringComparer.Ordinal);
        var recovered = node.Store.OpenAsync(identity, genesis, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (!recovered.IsNew)
        {
            _checker.ShardRestarted(node.Shard, recovered.Decided, recovered.InDoubt.Select(static r => (r.Tx, (IReadOnlyList<string>)r.LockKeys)));
            Count("restart");
        }

        var ledger = new ShardLedger();
        ledger.Restore(recovered.Accounts, recovered.Anchors);
        var protocol = new ShardProtocol(node.Shard, _map, ledger, _options.Protocol, new SeededRandom(_random.Next()));
        node.Ledger = ledger;
        node.Protocol = protocol;
        protocol.Start(_now, _fx);
        protocol.Participant.Recover(recovered.InDoubt, recovered.Decided, _now, _fx, recovered.HeuristicDecisions);
        if (_options.Mutation != SimulationMutation.PresumedAbortDespiteCommitRecord)
        {
            protocol.Coordinator.Recover(recovered.Committing, _now, _fx);
        }
        Flush(node, mayCrash: false);
    }

    /// <summary>
    /// Runs a batch's effects in the node runtime's order — persist (synced if any record is forced), then send, then
    /// timers and client replies — with a crash possibly striking before the write or after any number of sends.
    /// </summary>
    private void Flush(SimNode node, bool mayCrash = true)
    {
        var crashAt = mayCrash && FaultsOn && _random.NextDouble() < _options.CrashRate
            ? _random.Next(-1, _fx.Messages.Count + 1)
            : int.MaxValue;
        if (crashAt == -1)
        {
            Crash(node, "crash-before-write");
            return;
        }

        var sendFirst = _options.Mutation == SimulationMutation.CommitSentBeforeDurable && _fx.Records.Any(static r => r is CommitDecisionRecord);
        if (!sendFirst)
        {
            Persist(node);
        }

        for (var i = 0; i < _fx.Messages.Count; i++)
        {
            if (i == crashAt)
            {
                Crash(node, "crash-mid-send");
                return;
            }

            Send(node.Shard, _fx.Messages[i]);
        }

        if (crashAt == _fx.Messages.Count)
        {
            Crash(node, "crash-after-send");
            return;
        }

        if (sendFirst)
        {
            Persist(node);
        }

        foreach (var timer in _fx.Timers)
        {
            Schedule(timer.DueAt > _now ? timer.DueAt : _now, new TimerEvent(node.Shard, node.Incarnation, timer));
        }

        foreach (var reply in _fx.Replies)
        {
            _checker.RecordOutcome(reply.Outcome);
            _waitingClients.Remove(reply.Outcome.Tx);
        }

        _fx.Clear();
    }

    private void Persist(SimNode node)
    {
        if (_fx.Records.Count > 0)
        {
            var sync = _options.Mutation == SimulationMutation.UnforcedCommittedRecord
                ? _fx.Records.Any(static r => r.IsForced && r is not CommittedRecord)
                : _fx.HasForcedRecords;
            node.Store.AppendAsync(_fx.Records, sync, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        _checker.Observe(_fx.Events);
        _trace?.OnEvents(_now, _fx.Events);
    }

    private void Crash(SimNode node, string kind)
    {
        _fx.Clear();
        Count(kind);
        _trace?.OnCrash(_now, node.Shard);
        node.Protocol = null;
        node.Ledger = null;
        node.Incarnation++;
        if (node.Store is InMemoryShardStore memory)
        {
            var lost = memory.CrashAndRestart();
            if (lost > 0)
            {
                _faults["unsynced-records-lost"] = _faults.GetValueOrDefault("unsynced-records-lost") + lost;
            }
        }
        else
        {
            // A process crash: the files stay as they are and are reopened by the restarted node.
            node.Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            node.Store = new RocksDbShardStore(node.RocksDbDirectory!);
        }

        // Clients waiting on this coordinator will never hear back; the outcome is still decided and checked.
        foreach (var (tx, coordinator) in _waitingClients.Where(w => w.Value == node.Shard).ToList())
        {
            _checker.RecordAbandoned(tx);
            _waitingClients.Remove(tx);
        }

        var downtime = TimeSpan.FromTicks((long)(_random.NextDouble() * _options.MaxDowntime.Ticks)) + TimeSpan.FromMilliseconds(10);
        Schedule(_now + downtime, new RestartEvent(node.Shard));
    }

    private void Send(ShardId from, OutboundMessage outbound)
    {
        if (outbound.To == from)
        {
            Schedule(_now, new DeliverEvent(outbound.To, from, outbound.Message));
            return;
        }

        if (FaultsOn && _random.NextDouble() < _options.DropRate)
        {
            Count("message-lost");
            return;
        }

        var copies = FaultsOn && _random.NextDouble() < _options.DuplicateRate ? 2 : 1;
        if (copies == 2)
        {
            Count("message-duplicated");
        }

        for (var i = 0; i < copies; i++)
        {
            var spread = (_options.MaxDelay - _options.MinDelay).Ticks;
            var delay = _options.MinDelay + TimeSpan.FromTicks((long)(_random.NextDouble() * spread));
            Schedule(_now + delay, new DeliverEvent(outbound.To, from, outbound.Message));
        }
    }
}
