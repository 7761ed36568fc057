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
}
