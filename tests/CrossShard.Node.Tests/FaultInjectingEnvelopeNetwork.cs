using CrossShard.Core.Ids;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>An envelope network that loses, duplicates (replays) and delays signed envelopes with seeded probabilities, until healed.</summary>
internal sealed class FaultInjectingEnvelopeNetwork(int seed, double dropRate, double duplicateRate, double delayRate, int maxDelayMs) : IEnvelopeNetwork
{
    private readonly InMemoryEnvelopeNetwork _inner = new();
    private readonly FaultDice _dice = new(seed, dropRate, duplicateRate, delayRate, maxDelayMs);
    private volatile bool _healed;

    public int Dropped => _dice.Dropped;

    public int Duplicated => _dice.Duplicated;

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

        _dice.Deliver(() => _inner.Send(from, to, envelope));
    }
}
