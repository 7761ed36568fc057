using CrossShard.Core.Ids;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>An envelope network that loses, duplicates (replays) and delays signed envelopes with seeded probabilities, until healed.</summary>
internal sealed class FaultInjectingEnvelopeNetwork(int seed, double dropRate, double duplicateRate, double delayRate, int maxDelayMs) : IEnvelopeNetwork
{
    private readonly InMemoryEnvelopeNetwork _inner = new();
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private volatile bool _healed;

    public int Dropped { get; private set; }

    public int Duplicated { get; private set; }

    public void Heal() => _healed = true;

    public void Register(ShardId shard, IEnvelopeSink sink) => _inner.Register(shard, sink);

    public void Unregister(ShardId shard) => _inner.Unregister(shard);

    public void Send(ShardId from, ShardId to, byte[] envelope)
    {
        if (_healed)
        {
            _inner.Send(from, to, envelope);
            return;
        }

        double drop, duplicate, delay;
        int delayMs;
        lock (_gate)
        {
            (drop, duplicate, delay, delayMs) = (_random.NextDouble(), _random.NextDouble(), _random.NextDouble(), _random.Next(1, maxDelayMs + 1));
            Dropped += drop < dropRate ? 1 : 0;
            Duplicated += drop >= dropRate && duplicate < duplicateRate ? 1 : 0;
        }

        if (drop < dropRate)
        {
            return;
        }

        for (var i = 0; i < (duplicate < duplicateRate ? 2 : 1); i++)
        {
            if (delay < delayRate)
            {
                _ = Task.Delay(delayMs * (i + 1)).ContinueWith(_ => _inner.Send(from, to, envelope), TaskScheduler.Default);
            }
            else
            {
                _inner.Send(from, to, envelope);
            }
        }
    }
}
