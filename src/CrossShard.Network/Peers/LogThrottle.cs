using System.Collections.Concurrent;

namespace CrossShard.Network.Peers;

/// <summary>
/// Lets a repeating log line through at most once per interval per key and counts what it held back, so a peer
/// that keeps failing (or a client that keeps sending junk) cannot flood the log.
/// </summary>
internal sealed class LogThrottle<TKey>(TimeProvider time, TimeSpan interval)
    where TKey : notnull
{
    // Keys can come from the network (remote addresses): past this many, the table starts over rather than grow.
    private const int MaxKeys = 1024;

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>True when a line for <paramref name="key"/> should be logged now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool ShouldLog(TKey key, out long suppressed)
    {
        if (_entries.Count >= MaxKeys && !_entries.ContainsKey(key))
        {
            _entries.Clear();
        }

        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        var now = time.GetTimestamp();
        lock (entry)
        {
            if (entry.LastLogged is { } last && time.GetElapsedTime(last, now) < interval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LastLogged = now;
            return true;
        }
    }

    /// <summary>Forgets <paramref name="key"/>, so its next failure is logged at once (e.g. after a link recovered).</summary>
    public void Reset(TKey key) => _entries.TryRemove(key, out _);

    private sealed class Entry
    {
        public long? LastLogged;
        public long Suppressed;
    }
}
