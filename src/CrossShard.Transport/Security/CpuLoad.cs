using System.Globalization;

namespace CrossShard.Transport.Security;

/// <summary>
/// The idle share of the cores over windows of at least <see cref="Window"/>, from cumulative counters of busy time
/// and capacity. <see cref="OfMachine"/> reads the whole machine (Linux <c>/proc/stat</c>), so that several node
/// processes on one machine each see the others' load; elsewhere it falls back to <see cref="OfProcess"/>.
/// Thread-safe; reading it costs a clock read except when a window closes.
/// </summary>
public sealed class CpuLoad : ICpuLoad
{
    /// <summary>The shortest window measured: long enough to smooth out one signing round, short enough to follow load.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private const string ProcStat = "/proc/stat";

    private readonly TimeProvider _time;
    private readonly Func<(double Busy, double Capacity)> _sample;
    private readonly Lock _gate = new();
    private long _windowStart;
    private (double Busy, double Capacity) _atStart;
    private double _idle;

    /// <summary>Measures with <paramref name="sample"/>: cumulative busy time and capacity, in any one unit.</summary>
    public CpuLoad(TimeProvider time, Func<(double Busy, double Capacity)> sample)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(sample);
        _time = time;
        _sample = sample;
        _windowStart = time.GetTimestamp();
        _atStart = sample();
        // Until the first window closes nothing is known: assume busy, the conservative pace.
        _idle = 0;
    }

    /// <summary>This machine's cores (<c>/proc/stat</c>), or this process's use of them where that file is missing.</summary>
    public static CpuLoad OfMachine(TimeProvider time) =>
        TryReadProcStat() is not null ? new CpuLoad(time, static () => TryReadProcStat() ?? (0, 0)) : OfProcess(time);

    /// <summary>This process's CPU time against the capacity of the cores the runtime sees.</summary>
    public static CpuLoad OfProcess(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var cores = Environment.ProcessorCount;
        return new CpuLoad(time, () => (Environment.CpuUsage.TotalTime.TotalSeconds, (double)time.GetTimestamp() / time.TimestampFrequency * cores));
    }

    /// <inheritdoc />
    public double IdleFraction
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                if (_time.GetElapsedTime(_windowStart, now) >= Window)
                {
                    var sample = _sample();
                    var capacity = sample.Capacity - _atStart.Capacity;
                    if (capacity > 0)
                    {
                        _idle = Math.Clamp(1 - ((sample.Busy - _atStart.Busy) / capacity), 0, 1);
                    }

                    _windowStart = now;
                    _atStart = sample;
                }

                return _idle;
            }
        }
    }

    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ..." in clock ticks.
    private static (double Busy, double Capacity)? TryReadProcStat()
    {
        try
        {
            using var reader = new StreamReader(ProcStat);
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is null || fields.Length < 5 || fields[0] != "cpu")
            {
                return null;
            }

            double busy = 0, idle = 0;
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                var ticks = double.Parse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture);
                if (i is 4 or 5)
                {
                    idle += ticks;
                }
                else
                {
                    busy += ticks;
                }
            }

            return (busy, busy + idle);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
