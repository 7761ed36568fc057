using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

/// <summary>
/// A network that loses, duplicates and delays (hence reorders) messages with seeded probabilities, until healed.
/// Thread timing still varies between runs; exact replay is the deterministic simulator's job.
/// </summary>
internal sealed class FaultInjectingNetwork(int seed, double dropRate, double duplicateRate, double delayRate, int maxDelayMs) : IShardNetwork
{
    private readonly InMemoryShardNetwork _inner = new();
    private readonly FaultDice _dice = new(seed, dropRate, duplicateRate, delayRate, maxDelayMs);
    private volatile bool _healed;

    public int Dropped => _dice.Dropped;

    public int Duplicated => _dice.Duplicated;

    public int Delayed => _dice.Delayed;

    /// <summary>Stops injecting faults; messages already delayed still arrive.</summary>
    public void Heal() => _healed = true;

    public void Register(ShardId shard, IMessageSink sink) => _inner.Register(shard, sink);

    public void Unregister(ShardId shard) => _inner.Unregister(shard);

    public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
    {
        if (_healed)
        {
            _inner.Send(from, to, batch);
            return;
        }

        foreach (var message in batch)
        {
            _dice.Deliver(() => _inner.Send(from, to, [message]));
        }
    }
}
