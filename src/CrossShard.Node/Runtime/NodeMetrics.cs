using System.Diagnostics.Metrics;

namespace CrossShard.Node.Runtime;

/// <summary>
/// The metrics one node exports (meter "CrossShard.Node", tag <c>shard</c>): loop batch size, inbox depth,
/// transactions in flight, flush duration, lock waits and held-back prepares, and the process's CPU and memory,
/// sampled when a listener collects.
/// Readable by OpenTelemetry or <c>dotnet-counters monitor --counters CrossShard.Node</c>.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    private readonly Meter _meter = new("CrossShard.Node");
    private readonly KeyValuePair<string, object?> _shardTag;
    private readonly Histogram<double> _flushMs;
    private readonly Counter<long> _lockWaits;
    private readonly Counter<long> _preparesHeldBack;
    private readonly ProcessSampler _process;

    /// <summary>Creates the instruments of node <paramref name="shard"/>; the callbacks read the live values.</summary>
    public NodeMetrics(int shard, TimeProvider time, Func<int> batchSize, Func<int> inboxDepth, Func<int> inFlight)
    {
        _shardTag = new("shard", shard);
        _process = new ProcessSampler(time);
        HeuristicMixed = _meter.CreateCounter<long>("crossshard.heuristic.mixed", description: "Real decisions that contradicted an operator's heuristic decision");
        _lockWaits = _meter.CreateCounter<long>("crossshard.lock.waits", description: "Prepares that queued for a locked account (wait-die, wait-for-older, ordered) instead of voting NO at once");
        _preparesHeldBack = _meter.CreateCounter<long>("crossshard.prepare.held_back", description: "Prepares this coordinator sent its own shard only after every other participant voted YES (wait-die, account locked at submission)");
        _flushMs = _meter.CreateHistogram<double>("crossshard.node.flush.duration", unit: "ms", description: "One loop iteration: take a batch, handle it, persist and send its effects");
        _meter.CreateObservableGauge("crossshard.node.batch.size", () => new Measurement<int>(batchSize(), _shardTag), description: "Inputs the loop takes per iteration (adaptive)");
        _meter.CreateObservableGauge("crossshard.node.inbox.depth", () => new Measurement<int>(inboxDepth(), _shardTag), description: "Inputs waiting for the loop");
        _meter.CreateObservableGauge("crossshard.node.in_flight", () => new Measurement<int>(inFlight(), _shardTag), description: "Client transactions admitted and not yet answered");
        _meter.CreateObservableGauge("crossshard.process.cpu.utilization", () => new Measurement<double>(_process.CpuUtilization(), _shardTag), description: "Process CPU time per wall time per core since the last sample (0..1)");
        _meter.CreateObservableGauge("crossshard.process.memory.working_set", () => new Measurement<long>(Environment.WorkingSet, _shardTag), unit: "By");
        _meter.CreateObservableGauge("crossshard.process.memory.gc_heap", () => new Measurement<long>(GC.GetTotalMemory(false), _shardTag), unit: "By");
    }

    /// <summary>Counts real decisions that contradicted a heuristic one (the HEURISTIC MIXED alarm).</summary>
    public Counter<long> HeuristicMixed { get; }

    /// <summary>Counts a prepare that started waiting for locks.</summary>
    public void RecordLockWait() => _lockWaits.Add(1, _shardTag);

    /// <summary>Counts a prepare held back and then sent to this node's own shard.</summary>
    public void RecordPrepareHeldBack() => _preparesHeldBack.Add(1, _shardTag);

    /// <summary>Records one loop iteration's duration.</summary>
    public void RecordFlush(TimeSpan elapsed) => _flushMs.Record(elapsed.TotalMilliseconds, _shardTag);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>CPU utilisation between two collections, from the process's total processor time.</summary>
    private sealed class ProcessSampler(TimeProvider time)
    {
        private readonly Lock _gate = new();
        private long _lastTimestamp = time.GetTimestamp();
        private TimeSpan _lastCpu = CurrentCpu();

        public double CpuUtilization()
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                var cpu = CurrentCpu();
                var wall = time.GetElapsedTime(_lastTimestamp, now);
                var used = cpu - _lastCpu;
                (_lastTimestamp, _lastCpu) = (now, cpu);
                return wall <= TimeSpan.Zero ? 0 : Math.Clamp(used / wall / Environment.ProcessorCount, 0, 1);
            }
        }

        private static TimeSpan CurrentCpu()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
