using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;

namespace CrossShard.Node.Tests;

public sealed class NodeMetricsTests
{
    [Fact]
    public async Task EveryNode_ExportsItsLoopAndProcessMetrics()
    {
        var gauges = new ConcurrentDictionary<(string Name, int Shard), double>();
        var flushes = new ConcurrentDictionary<int, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CrossShard.Node")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var shard = (int)tags.ToArray().Single(t => t.Key == "shard").Value!;
            if (instrument.Name == "crossshard.node.flush.duration")
            {
                flushes.AddOrUpdate(shard, 1, (_, n) => n + 1);
            }
            else
            {
                gauges[(instrument.Name, shard)] = value;
            }
        }

        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await using var cluster = new EmbeddedCluster(new EmbeddedClusterOptions { Shards = 2, Signatures = false });
        var accounts = Enumerable.Range(0, 200).Select(i => $"m-{i}").ToArray();
        foreach (var account in accounts)
        {
            cluster.OpenAccount(account, 1_000);
        }

        await cluster.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => cluster.SubmitAsync(CrossShardTransaction.Transfer(accounts[i], accounts[i + 100], 1, (ulong)i))));
        listener.RecordObservableInstruments();

        foreach (var shard in new[] { 0, 1 })
        {
            Assert.True(flushes.GetValueOrDefault(shard) > 0, $"shard {shard} recorded no loop iteration");
            Assert.InRange(gauges[("crossshard.node.batch.size", shard)], 1, cluster.Nodes[shard].Config.BatchSize);
            Assert.InRange(gauges[("crossshard.node.in_flight", shard)], 0, cluster.Nodes[shard].Config.MaxInFlight);
            Assert.True(gauges.ContainsKey(("crossshard.node.inbox.depth", shard)));
            Assert.InRange(gauges[("crossshard.process.cpu.utilization", shard)], 0, 1);
            Assert.True(gauges[("crossshard.process.memory.working_set", shard)] > 0);
            Assert.True(gauges[("crossshard.process.memory.gc_heap", shard)] > 0);
        }
    }

    [Fact]
    public async Task HotAccountsUnderWaitDie_CountLockWaitsAndHeldBackPrepares()
    {
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CrossShard.Node" && instrument.Name is "crossshard.lock.waits" or "crossshard.prepare.held_back")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => counts.AddOrUpdate(i.Name, v, (_, n) => n + v));
        listener.Start();

        await using var cluster = new EmbeddedCluster(new EmbeddedClusterOptions
        {
            Shards = 2,
            Signatures = false,
            NodeConfig = new CrossShardConfig { LockPolicy = Core.Locks.LockPolicy.WaitDie },
        });
        var map = new Core.Transactions.ShardMap(2);
        var names = Enumerable.Range(0, 100).Select(i => $"h-{i}").ToArray();
        var zero = names.Where(a => map.ShardOf(a).Value == 0).Take(2).ToArray();
        var one = names.Where(a => map.ShardOf(a).Value == 1).Take(2).ToArray();
        foreach (var account in zero.Concat(one))
        {
            cluster.OpenAccount(account, 1_000_000);
        }

        await cluster.StartAsync();
        // Four hot accounts, transfers across the two shards in both directions from 16 closed-loop clients: a
        // submission mostly finds its own account locked by an earlier one, and a prepare finds its account held.
        var next = -1;
        async Task Client()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 400)
            {
                await cluster.SubmitAsync(i % 2 == 0
                    ? CrossShardTransaction.Transfer(zero[i % 4 / 2], one[i / 4 % 2], 1, (ulong)i)
                    : CrossShardTransaction.Transfer(one[i % 4 / 2], zero[i / 4 % 2], 1, (ulong)i));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Client()));

        Assert.True(counts.GetValueOrDefault("crossshard.lock.waits") > 0, "no lock wait counted");
        Assert.True(counts.GetValueOrDefault("crossshard.prepare.held_back") > 0, "no held-back prepare counted");
    }
}
