using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Timing;
using CrossShard.Transport;

namespace CrossShard.Network.Peers;

/// <summary>
/// A chaos decorator for any <see cref="IEnvelopeNetwork"/>: drops sent envelopes with a probability, delays them
/// (fixed plus jitter), and cuts shards off (partitions), all switchable at runtime and driven by injected,
/// seeded dice and clock so a run can be replayed.
/// </summary>
/// <remarks>
/// A partitioned shard loses every envelope whose sender or receiver it is, in both directions: sends are
/// dropped here, and envelopes arriving from it are dropped before the wrapped sink. Over a
/// <see cref="GrpcPeerNetwork"/> (one decorator per node) partitioning a peer cuts this node's side of the link;
/// over a shared in-memory network it isolates that shard. Loss and delay apply to sends only.
/// </remarks>
public sealed class FaultInjectingEnvelopeNetwork : IEnvelopeNetwork
{
    private readonly IEnvelopeNetwork _inner;
    private readonly IRandomSource _random;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ShardId, bool> _partitioned = new();
    private double _lossProbability;
    private long _extraDelayTicks;
    private long _delayJitterTicks;
    private long _dropped;
    private long _partitionDrops;
    private long _delayed;

    /// <summary>Wraps <paramref name="inner"/> with the faults of <paramref name="options"/>.</summary>
    /// <param name="inner">The network that carries what survives.</param>
    /// <param name="options">The starting faults.</param>
    /// <param name="random">The dice (e.g. <c>new SeededRandom(options.Seed)</c>); need not be thread-safe.</param>
    /// <param name="time">The clock of the delays.</param>
    public FaultInjectingEnvelopeNetwork(IEnvelopeNetwork inner, FaultInjectionOptions options, IRandomSource random, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(time);
        _inner = inner;
        _random = new LockedRandom(random);
        _time = time;
        LossProbability = options.LossProbability;
        ExtraDelay = options.ExtraDelay;
        DelayJitter = options.DelayJitter;
        foreach (var shard in options.PartitionedShards)
        {
            Partition(new ShardId(shard));
        }
    }

    /// <summary>Chance that a sent envelope is dropped, 0..1.</summary>
    public double LossProbability
    {
        get => Volatile.Read(ref _lossProbability);
        set => Volatile.Write(ref _lossProbability, CheckProbability(value));
    }

    /// <summary>Fixed delay added to every sent envelope, 0..1 min.</summary>
    public TimeSpan ExtraDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _extraDelayTicks));
        set => Interlocked.Exchange(ref _extraDelayTicks, CheckDelay(value).Ticks);
    }

    /// <summary>Uniformly random extra delay on top of <see cref="ExtraDelay"/>, 0..1 min; it can reorder envelopes.</summary>
    public TimeSpan DelayJitter
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayJitterTicks));
        set => Interlocked.Exchange(ref _delayJitterTicks, CheckDelay(value).Ticks);
    }

    /// <summary>Envelopes dropped by the loss dice.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Envelopes dropped because their sender or receiver is partitioned.</summary>
    public long PartitionDrops => Interlocked.Read(ref _partitionDrops);

    /// <summary>Envelopes sent late.</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>Cuts <paramref name="shard"/> off until <see cref="Heal"/>.</summary>
    public void Partition(ShardId shard) => _partitioned[shard] = true;

    /// <summary>Reconnects <paramref name="shard"/>.</summary>
    public void Heal(ShardId shard) => _partitioned.TryRemove(shard, out _);

    /// <summary>Reconnects every shard.</summary>
    public void HealAll() => _partitioned.Clear();

    /// <summary>Whether <paramref name="shard"/> is cut off.</summary>
    public bool IsPartitioned(ShardId shard) => _partitioned.ContainsKey(shard);

    /// <inheritdoc />
    public void Register(ShardId shard, IEnvelopeSink sink) => _inner.Register(shard, new PartitionFilter(this, sink));

    /// <inheritdoc />
    public void Unregister(ShardId shard) => _inner.Unregister(shard);

    /// <inheritdoc />
    public void Send(ShardId from, ShardId to, byte[] envelope)
    {
        if (IsPartitioned(from) || IsPartitioned(to))
        {
            Interlocked.Increment(ref _partitionDrops);
            return;
        }

        var loss = LossProbability;
        if (loss > 0 && _random.NextDouble() < loss)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var delay = ExtraDelay;
        var jitter = DelayJitter;
        if (jitter > TimeSpan.Zero)
        {
            delay += TimeSpan.FromTicks((long)(_random.NextDouble() * jitter.Ticks));
        }

        if (delay <= TimeSpan.Zero)
        {
            _inner.Send(from, to, envelope);
            return;
        }

        Interlocked.Increment(ref _delayed);
        _ = SendLaterAsync(from, to, envelope, delay);
    }

    internal static double CheckProbability(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A probability is between 0 and 1.");

    internal static TimeSpan CheckDelay(TimeSpan value) =>
        value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(1) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A delay is between 0 and 1 minute.");

    private async Task SendLaterAsync(ShardId from, ShardId to, byte[] envelope, TimeSpan delay)
    {
        await Task.Delay(delay, _time).ConfigureAwait(false);
        // The partition may have started while the envelope was in the air.
        if (IsPartitioned(from) || IsPartitioned(to))
        {
            Interlocked.Increment(ref _partitionDrops);
            return;
        }

        try
        {
            _inner.Send(from, to, envelope);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nobody awaits a delayed send: an envelope network that throws here loses just this envelope.
        }
    }

    private sealed class PartitionFilter(FaultInjectingEnvelopeNetwork owner, IEnvelopeSink inner) : IEnvelopeSink
    {
        public void Receive(ShardId from, byte[] envelope)
        {
            if (owner.IsPartitioned(from))
            {
                Interlocked.Increment(ref owner._partitionDrops);
                return;
            }

            inner.Receive(from, envelope);
        }
    }
}
