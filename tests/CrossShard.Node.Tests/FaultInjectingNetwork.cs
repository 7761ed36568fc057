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
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private volatile bool _healed;

    public int Dropped { get; private set; }

    public int Duplicated { get; private set; }

    public int Delayed { get; private set; }

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
            double drop, duplicate, delay;
            int delayMs;
            lock (_gate)
            {
                (drop, duplicate, delay, delayMs) = (_random.NextDouble(), _random.NextDouble(), _random.NextDouble(), _random.Next(1, maxDelayMs + 1));
                Dropped += drop < dropRate ? 1 : 0;
                Duplicated += drop >= dropRate && duplicate < duplicateRate ? 1 : 0;
                Delayed += drop >= dropRate && delay < delayRate ? 1 : 0;
            }

            if (drop < dropRate)
            {
                continue;
            }

            var copies = duplicate < duplicateRate ? 2 : 1;
            for (var i = 0; i < copies; i++)
            {
                if (delay < delayRate)
                {
                    _ = Task.Delay(delayMs * (i + 1)).ContinueWith(_ => _inner.Send(from, to, [message]), TaskScheduler.Default);
                }
                else
                {
                    _inner.Send(from, to, [message]);
                }
            }
        }
    }
}
