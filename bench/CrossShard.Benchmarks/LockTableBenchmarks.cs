using BenchmarkDotNet.Attributes;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;

namespace CrossShard.Benchmarks;

/// <summary>
/// A participant's lock table: all-or-nothing acquisition and release of a transaction's keys (2 for a transfer,
/// 8 for a wider transaction), and a refused acquisition against a held key. Category: Locks.
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release --project bench/CrossShard.Benchmarks -- --filter '*Lock*' --job short</c>.</remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Locks")]
public class LockTableBenchmarks
{
    private static readonly TxId Holder = new(1, 1, 1, 1);
    private static readonly TxId Requester = new(2, 2, 2, 2);
    private LockTable _table = null!;
    private string[] _keys = [];

    /// <summary>Keys per transaction.</summary>
    [Params(2, 8)]
    public int Keys { get; set; }

    /// <summary>Lock policy: no-wait (the default) or wait-die.</summary>
    [Params(LockPolicy.NoWait, LockPolicy.WaitDie)]
    public LockPolicy Policy { get; set; }

    /// <summary>A table holding 10,000 other keys, as a busy shard's would; the measured keys are free.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _table = new LockTable(Policy);
        for (var i = 0; i < 10_000; i++)
        {
            _table.TryAcquireAll(new TxId(10, 0, 0, (ulong)i), i, [$"held-{i:D7}"]);
        }

        _keys = [.. Enumerable.Range(0, Keys).Select(static i => $"acct-{i:D7}")];
    }

    /// <summary>Takes every key and releases them: the uncontended path of every prepare and decision.</summary>
    [Benchmark(Baseline = true)]
    public LockOutcome AcquireAndRelease()
    {
        var outcome = _table.TryAcquireAll(Requester, 5, _keys);
        _table.ReleaseAll(Requester, _keys);
        return outcome;
    }

    /// <summary>Asks for keys whose last one is held by another transaction: nothing is taken (conflict or wait).</summary>
    [Benchmark]
    public LockOutcome AcquireAgainstAHeldKey()
    {
        _table.TryAcquireAll(Holder, 1, [_keys[^1]]);
        var outcome = _table.TryAcquireAll(Requester, 5, _keys);
        _table.ReleaseAll(Holder, [_keys[^1]]);
        return outcome;
    }
}
