using BenchmarkDotNet.Attributes;
using CrossShard.Core;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;

namespace CrossShard.Benchmarks;

/// <summary>
/// The protocol alone: one transfer through a full two-phase commit (submit, prepare, votes, commit, acks) between
/// the pure <see cref="ShardProtocol"/> instances of two shards, messages handed over directly through
/// <see cref="EffectBuffer"/>s, no I/O, no thread, no signature. What is left is the state machines' own cost, the
/// transaction id (SHA3-256) and the ledger updates. Category: Protocol.
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release --project bench/CrossShard.Benchmarks -- --filter '*ProtocolBenchmarks*' --job short</c>.</remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Protocol")]
public class ProtocolBenchmarks
{
    private readonly ShardMap _map = new(2);
    private ShardProtocol[] _nodes = [];
    private EffectBuffer _current = new();
    private EffectBuffer _next = new();
    private AccountId _onShard0;
    private AccountId _alsoOnShard0;
    private AccountId _onShard1;
    private ulong _nonce;

    /// <summary>Two shards with two and one funded accounts; one checked run proves a transfer commits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, 100).Select(static i => $"bench-{i}").ToArray();
        var shard0 = names.Where(n => _map.ShardOf(n).Value == 0).Take(2).ToArray();
        _onShard0 = new AccountId(shard0[0]);
        _alsoOnShard0 = new AccountId(shard0[1]);
        _onShard1 = new AccountId(names.First(n => _map.ShardOf(n).Value == 1));
        _nodes = new ShardProtocol[2];
        for (var i = 0; i < 2; i++)
        {
            var ledger = new ShardLedger();
            foreach (var name in names.Where(n => _map.ShardOf(n).Value == i))
            {
                ledger.Open(name, 1_000_000_000_000);
            }

            _nodes[i] = new ShardProtocol(new ShardId(i), _map, ledger, new ProtocolOptions(), new SeededRandom(i));
        }

        var replies = new List<ClientReply>();
        Run(Transaction.Transfer(++_nonce, _onShard0, _onShard1, 1), replies);
        if (replies is not [{ Outcome.IsCommitted: true }] || _nodes.Any(static n => n.Coordinator.ActiveCount + n.Participant.ActiveCount > 0))
        {
            throw new InvalidOperationException($"the benchmark's transfer did not commit cleanly: {string.Join(", ", replies)}");
        }
    }

    /// <summary>Debit on shard 0, credit on shard 1, coordinated by shard 0: 2 prepares, 2 votes, 2 decisions, 2 acks.</summary>
    [Benchmark(Baseline = true)]
    public int CrossShardTransfer() => Run(Transaction.Transfer(++_nonce, _onShard0, _onShard1, 1), replies: null);

    /// <summary>Both accounts on shard 0: the same protocol with one participant (the coordinator's own shard).</summary>
    [Benchmark]
    public int SingleShardTransfer() => Run(Transaction.Transfer(++_nonce, _onShard0, _alsoOnShard0, 1), replies: null);

    // Delivers every message the previous round produced until none is left; returns the messages handled.
    private int Run(Transaction transaction, List<ClientReply>? replies)
    {
        _current.Clear();
        var submitted = _nodes[0].Coordinator.Submit(transaction, TimeSpan.Zero, _current);
        if (!submitted.Accepted)
        {
            throw new InvalidOperationException($"refused: {submitted.Error}");
        }

        var handled = 0;
        while (_current.Messages.Count > 0)
        {
            replies?.AddRange(_current.Replies);
            (_current, _next) = (_next, _current);
            _current.Clear();
            foreach (var (to, message) in _next.Messages)
            {
                _nodes[to.Value].Handle(message, TimeSpan.Zero, _current);
                handled++;
            }
        }

        replies?.AddRange(_current.Replies);
        return handled;
    }
}
