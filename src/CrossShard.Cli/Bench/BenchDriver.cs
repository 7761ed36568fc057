using System.Diagnostics;
using System.Security.Cryptography;

namespace CrossShard.Cli.Bench;

/// <summary>
/// Runs one benchmark against any <see cref="IBenchTarget"/>: start and fund, load (closed or open loop) through
/// warmup and the measured window, stop offering, wait for every outstanding transfer, let the target settle, then
/// check that the grand total is still the genesis total and nothing is left in flight.
/// </summary>
internal sealed class BenchDriver
{
    /// <summary>How long the target may take to settle after the load stops.</summary>
    public static readonly TimeSpan QuiesceTimeout = TimeSpan.FromSeconds(30);

    private readonly BenchSettings _settings;
    private readonly IBenchTarget _target;
    private readonly BenchAccounts _accounts;
    private readonly TransferPairs _pairs;
    private int _phase;

    /// <summary>Prepares a run; the account placement and pair choice were checked by the caller (<see cref="TransferPairs.Problem"/>).</summary>
    public BenchDriver(BenchSettings settings, IBenchTarget target, BenchAccounts accounts)
    {
        _settings = settings;
        _target = target;
        _accounts = accounts;
        _pairs = new TransferPairs(accounts, settings.CrossShardRatio);
    }

    /// <summary>Where the run is.</summary>
    public BenchPhase Phase => (BenchPhase)Volatile.Read(ref _phase);

    /// <summary>The decisions so far; null until the load starts.</summary>
    public BenchRecorder? Recorder { get; private set; }

    /// <summary>When the load started (Stopwatch timestamp); meaningful once <see cref="Recorder"/> is set.</summary>
    public long LoadStart { get; private set; }

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        SetPhase(BenchPhase.Starting);
        await _target.StartAsync(_accounts.Names, BenchSettings.InitialBalance, cancellationToken).ConfigureAwait(false);
        var genesis = checked(_accounts.Count * BenchSettings.InitialBalance);
        var totalBefore = await _target.ReadTotalAsync(cancellationToken).ConfigureAwait(false);
        var workload = new BenchWorkload(_accounts, _pairs, _settings.Seed, (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 32);

        var start = Stopwatch.GetTimestamp();
        var windowStart = start + Ticks(_settings.Warmup);
        var recorder = new BenchRecorder(windowStart, windowStart + Ticks(_settings.Seconds));
        LoadStart = start;
        Recorder = recorder;
        SetPhase(_settings.Warmup > 0 ? BenchPhase.Warmup : BenchPhase.Measuring);
        var begin = ResourceSnapshot.Take();
        var nodeCpuBegin = _target.ReadNodeCpu();
        var load = _settings.Rate is { } rate
            ? OpenLoopLoad.RunAsync(_target, workload, recorder, rate, _settings.Concurrency, start, cancellationToken)
            : ClosedLoopLoad.RunAsync(_target, workload, recorder, _settings.Concurrency, cancellationToken);

        if (_settings.Warmup > 0)
        {
            await WaitUntilAsync(recorder.WindowStart, load, cancellationToken).ConfigureAwait(false);
            begin = ResourceSnapshot.Take();
            nodeCpuBegin = _target.ReadNodeCpu();
            SetPhase(BenchPhase.Measuring);
        }

        await WaitUntilAsync(recorder.WindowEnd, load, cancellationToken).ConfigureAwait(false);
        var end = ResourceSnapshot.Take();
        var nodeCpu = _target.ReadNodeCpu() - nodeCpuBegin;
        SetPhase(BenchPhase.Draining);
        await load.ConfigureAwait(false);

        var quiescence = await _target.QuiesceAsync(QuiesceTimeout, cancellationToken).ConfigureAwait(false);
        var totalAfter = await _target.ReadTotalAsync(cancellationToken).ConfigureAwait(false);
        var stats = _target.ReadStats();
        return Report(recorder, begin, end, nodeCpu, genesis, totalBefore, totalAfter, quiescence, stats);
    }

    private BenchReport Report(BenchRecorder recorder, ResourceSnapshot begin, ResourceSnapshot end, TimeSpan? nodeCpu, long genesis, long totalBefore, long totalAfter, BenchQuiescence quiescence, BenchTargetStats stats)
    {
        var window = Stopwatch.GetElapsedTime(recorder.WindowStart, recorder.WindowEnd).TotalSeconds;
        var wall = Math.Max(Stopwatch.GetElapsedTime(begin.Timestamp, end.Timestamp).TotalSeconds, 1e-9);
        var cpu = (end.Cpu - begin.Cpu).TotalSeconds;
        var allocated = end.AllocatedBytes - begin.AllocatedBytes;
        return new BenchReport
        {
            Config = _settings,
            Target = _target.Description,
            MeasuredSeconds = window,
            Committed = recorder.Committed,
            Aborted = recorder.Aborted,
            Rejected = recorder.Rejected,
            NotAdmitted = recorder.NotAdmitted,
            CommittedPerSec = recorder.Committed / window,
            AbortedPerSec = recorder.Aborted / window,
            NotAdmittedPerSec = recorder.NotAdmitted / window,
            AbortsByReason = recorder.AbortsByReason(),
            LatencyMs = recorder.Latency.SummaryMs(),
            CpuPercent = 100 * cpu / wall / Environment.ProcessorCount,
            CpuSeconds = cpu,
            CpuCores = cpu / wall,
            ProcessorCount = Environment.ProcessorCount,
            NodeCpuSeconds = nodeCpu?.TotalSeconds,
            NodeCpuPercent = nodeCpu is { } n ? 100 * n.TotalSeconds / wall / Environment.ProcessorCount : null,
            AllocatedBytes = allocated,
            AllocatedBytesPerTx = recorder.Committed == 0 ? 0 : (double)allocated / recorder.Committed,
            PeakWorkingSetBytes = ResourceSnapshot.PeakWorkingSet(),
            GcCollections = new GcCounts(end.Gen0 - begin.Gen0, end.Gen1 - begin.Gen1, end.Gen2 - begin.Gen2),
            CommittedEachSecond = recorder.CommittedEachSecond(),
            LongestStallMs = recorder.LongestStall().TotalMilliseconds,
            GenesisTotal = genesis,
            TotalAfter = totalAfter,
            Conserved = totalBefore == genesis && totalAfter == genesis,
            Quiescent = quiescence.IsQuiet,
            InFlightAfterQuiesce = quiescence,
            Envelopes = stats.Envelopes,
            SignedMessages = stats.SignedMessages,
            MlDsaSignatures = stats.MlDsaSignatures,
            RejectedEnvelopes = stats.RejectedEnvelopes,
        };
    }

    // Returns at the deadline, or as soon as the load ends early (it failed; awaiting it rethrows).
    private static async Task WaitUntilAsync(long deadline, Task load, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        if (remaining > TimeSpan.Zero)
        {
            await Task.WhenAny(load, Task.Delay(remaining, cancellationToken)).ConfigureAwait(false);
        }

        if (load.IsCompleted || cancellationToken.IsCancellationRequested)
        {
            await load.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static long Ticks(int seconds) => seconds * Stopwatch.Frequency;

    private void SetPhase(BenchPhase phase) => Volatile.Write(ref _phase, (int)phase);
}
