using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrossShard.Core.Ids;
using Microsoft.Extensions.Logging;

namespace CrossShard.Transport.Security;

/// <summary>
/// Counts rejected envelopes per (sender, reason) — as a metric and for inspection — and logs each pair at most
/// once per interval, so a flood of bad input cannot flood the log.
/// </summary>
public sealed class RejectionTracker : IDisposable
{
    private readonly ConcurrentDictionary<(ShardId Sender, EnvelopeRejection Reason), Entry> _entries = new();
    private readonly ShardId _self;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _logInterval;
    private readonly Meter _meter;
    private readonly Counter<long> _counter;

    /// <summary>Creates the tracker of node <paramref name="self"/>.</summary>
    public RejectionTracker(ShardId self, ILogger logger, TimeProvider time, TimeSpan logInterval)
    {
        _self = self;
        _logger = logger;
        _time = time;
        _logInterval = logInterval;
        _meter = new Meter("CrossShard.Transport");
        _counter = _meter.CreateCounter<long>("crossshard.envelopes.rejected", description: "Envelopes refused before reaching the protocol, by reason");
    }

    /// <summary>Rejections so far, by reason (all senders).</summary>
    public IReadOnlyDictionary<EnvelopeRejection, long> Totals =>
        _entries.GroupBy(static kv => kv.Key.Reason).ToDictionary(static g => g.Key, static g => g.Sum(static kv => Interlocked.Read(ref kv.Value.Total)));

    /// <summary>Records one rejection.</summary>
    public void Record(ShardId sender, EnvelopeRejection reason)
    {
        _counter.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()), new KeyValuePair<string, object?>("receiver", _self.Value));
        // Senders claimed by unverified envelopes are attacker-chosen: count them under one key so the table stays small.
        var entry = _entries.GetOrAdd((reason is EnvelopeRejection.UnknownSender or EnvelopeRejection.Unsigned or EnvelopeRejection.Malformed or EnvelopeRejection.Oversized or EnvelopeRejection.UnsupportedVersion or EnvelopeRejection.WrongCluster or EnvelopeRejection.WrongReceiver ? new ShardId(-1) : sender, reason), static _ => new Entry());
        Interlocked.Increment(ref entry.Total);
        var since = Interlocked.Increment(ref entry.SinceReport);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref entry.LastReport);
        if ((last == 0 || _time.GetElapsedTime(last, now) >= _logInterval) && Interlocked.CompareExchange(ref entry.LastReport, now, last) == last)
        {
            Interlocked.Add(ref entry.SinceReport, -since);
            TransportLog.EnvelopeRejected(_logger, _self, sender, reason, since);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private sealed class Entry
    {
        public long Total;
        public long SinceReport;
        public long LastReport;
    }
}
