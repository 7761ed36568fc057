using CrossShard.Core;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Invariants;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;
using CrossShard.Storage;

namespace CrossShard.Simulation;

/// <summary>
/// Runs the real Coordinator and Participant code of N shards on one thread with a seeded random source, a
/// simulated clock, a network that loses, duplicates, delays and reorders messages and partitions nodes, and disks
/// that lose unsynced writes when a node crashes — at any point of a batch: before its write, or after some of its
/// messages left. Invariants 1, 3 and 5 are checked after every step; at the end, once faults stopped, invariants 2
/// (conservation), 4 (durability) and 6 (termination within a bound). The same seed replays the same run exactly.
/// </summary>
public sealed partial class Simulator
{
    private readonly int _seed;
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly ShardMap _map;
    private readonly HistoryChecker _checker;
    private readonly SimNode[] _nodes;
    private readonly PriorityQueue<SimEvent, (TimeSpan At, long Order)> _queue = new();
    private readonly Dictionary<TxId, ShardId> _waitingClients = [];
    private readonly Dictionary<ShardId, TimeSpan> _isolatedUntil = [];
    private readonly Dictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly EffectBuffer _fx = new();
    private readonly IProtocolTrace? _trace;
    private long _order;
    private long _steps;
    private TimeSpan _now;
    private TimeSpan? _faultsOffAt;
    private bool _quiet;

    private Simulator(int seed, SimulationOptions options, IProtocolTrace? trace)
    {
        _seed = seed;
        _options = options;
        _trace = trace;
        _random = new Random(seed);
        _map = new ShardMap(options.Shards);
        _checker = new HistoryChecker(_map);
        _nodes = Enumerable.Range(0, options.Shards)
            .Select(i => new SimNode(new ShardId(i), options.RocksDbDirectory is { } dir ? Path.Combine(dir, $"shard-{i}") : null))
            .ToArray();
    }

    /// <summary>Runs one simulation; <paramref name="trace"/> (optional) receives every protocol event.</summary>
    public static SimulationResult Run(int seed, SimulationOptions options, IProtocolTrace? trace = null) =>
        new Simulator(seed, options, trace).Run();

    private SimulationResult Run()
    {
        foreach (var node in _nodes)
        {
            Boot(node);
        }

        for (var i = 0; i < _options.Transactions; i++)
        {
            Schedule(TimeSpan.FromTicks((long)(_random.NextDouble() * _options.SubmitWindow.Ticks)), new SubmitEvent(i));
        }

        Schedule(TimeSpan.FromSeconds(1), new ChaosEvent());
        Schedule(_options.SubmitWindow + TimeSpan.FromSeconds(1), new FaultsOffEvent());
        Schedule(TimeSpan.FromMilliseconds(100), new ProbeEvent());

        while (!_quiet && _queue.TryDequeue(out var next, out var at))
        {
            _now = at.At;
            _steps++;
            Step(next);
            if (_faultsOffAt is { } off && _now - off > _options.TerminationBound)
            {
                _checker.ReportViolation($"termination: not quiet {_options.TerminationBound} after faults stopped ({Unfinished()})");
                break;
            }

            CheckConservation();
            if (_checker.ViolationCount > 0)
            {
                break;
            }
        }

        var result = Finish();
        foreach (var node in _nodes)
        {
            node.Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    private void Step(SimEvent e)
    {
        switch (e)
        {
            case DeliverEvent deliver:
                Deliver(deliver);
                break;
            case TimerEvent timer:
                FireTimer(timer);
                break;
            case SubmitEvent submit:
                Submit(submit.Index);
                break;
            case RestartEvent restart:
                Boot(_nodes[restart.Node.Value]);
                break;
            case ChaosEvent:
                Chaos();
                break;
            case HealEvent heal:
                _isolatedUntil.Remove(heal.Node);
                break;
            case FaultsOffEvent:
                _faultsOffAt = _now;
                _isolatedUntil.Clear();
                break;
            case ProbeEvent:
                _quiet = _faultsOffAt is not null && IsQuiet();
                Schedule(_now + TimeSpan.FromMilliseconds(100), new ProbeEvent());
                break;
        }
    }

    private bool FaultsOn => _faultsOffAt is null;

    // Invariant 2 at every step where every node is up: funds only move between accounts; the only visible
    // difference from the genesis total is what partially applied commits have moved between shards so far.
    private void CheckConservation()
    {
        long total = 0;
        foreach (var node in _nodes)
        {
            if (node.Ledger is null)
            {
                return;
            }

            total += node.Ledger.TotalBalance();
        }

        var expected = ((long)_options.Accounts * _options.InitialBalance) + _checker.PartialCommitOffset;
        if (total != expected)
        {
            _checker.ReportViolation($"conservation at {_now.TotalMilliseconds:F1} ms: the balances sum to {total}, expected {expected}");
        }
    }

    private void Schedule(TimeSpan at, SimEvent e) => _queue.Enqueue(e, (at, _order++));

    private void Count(string fault) => _faults[fault] = _faults.GetValueOrDefault(fault) + 1;

    private void Deliver(DeliverEvent deliver)
    {
        var node = _nodes[deliver.To.Value];
        if (!node.IsUp || Isolated(deliver.To) || Isolated(deliver.From))
        {
            return;
        }

        Guard(node, () => node.Protocol!.Handle(deliver.Message, _now, _fx));
        Flush(node);
    }

    private void FireTimer(TimerEvent timer)
    {
        var node = _nodes[timer.Node.Value];
        if (!node.IsUp || node.Incarnation != timer.Incarnation)
        {
            return;
        }

        if (_options.Mutation == SimulationMutation.ParticipantAbortsAfterYes && timer.Timer.Kind == TimerKind.InDoubtQuery)
        {
            node.Protocol!.Participant.ResolveHeuristically(timer.Timer.Tx, DecisionKind.Abort, _now, _fx);
        }

        Guard(node, () => node.Protocol!.OnTimer(timer.Timer, _now, _fx));
        Flush(node);
    }

    // An impossible input is a protocol bug, so it is a violation here, not a dropped message.
    private void Guard(SimNode node, Action step)
    {
        try
        {
            step();
        }
        catch (ProtocolViolationException ex)
        {
            _checker.ReportViolation($"{node.Shard}: protocol violation: {ex.Message}");
        }
    }

    private bool Isolated(ShardId shard) => _isolatedUntil.TryGetValue(shard, out var until) && until > _now;

    private void Chaos()
    {
        if (FaultsOn)
        {
            if (_random.NextDouble() < _options.PartitionRate)
            {
                var victim = new ShardId(_random.Next(_nodes.Length));
                var until = _now + TimeSpan.FromTicks((long)(_random.NextDouble() * _options.MaxPartition.Ticks));
                _isolatedUntil[victim] = until;
                Schedule(until, new HealEvent(victim));
                Count("partition");
            }

            Schedule(_now + TimeSpan.FromSeconds(1), new ChaosEvent());
        }
    }
}
