using CrossShard.Core.Ids;
using CrossShard.Core.Timing;
using CrossShard.Network.Peers;
using CrossShard.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CrossShard.Network.Tests.Peers;

/// <summary>The chaos decorator: seeded loss, delays on the injected clock, partitions switched at runtime.</summary>
public sealed class FaultInjectingEnvelopeNetworkTests
{
    private static readonly ShardId A = new(0), B = new(1);

    [Fact]
    public void Loss_DropsAboutTheConfiguredShare_AndTheSameSeedDropsTheSameEnvelopes()
    {
        var first = RunLossy(seed: 42);
        var again = RunLossy(seed: 42);
        var other = RunLossy(seed: 43);

        Assert.InRange(first.Delivered.Count, 400, 600);
        Assert.Equal(1000, first.Delivered.Count + first.Dropped);
        Assert.Equal(first.Delivered, again.Delivered);
        Assert.NotEqual(first.Delivered, other.Delivered);
    }

    [Fact]
    public async Task Delay_HoldsEnvelopesUntilTheInjectedClockPassesIt()
    {
        var time = new FakeTimeProvider();
        var (net, sink) = Wire(new FaultInjectionOptions { ExtraDelay = TimeSpan.FromMilliseconds(100) }, time);
        net.Send(A, B, TestEnvelope.Create(0, 1, 1));

        time.Advance(TimeSpan.FromMilliseconds(99));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(0, sink.Count);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => sink.Count == 1, () => "delivered once the delay passed");
        Assert.Equal(1, net.Delayed);
    }

    [Fact]
    public void Partition_DropsBothDirections_UntilHealed()
    {
        var (net, sink) = Wire(new FaultInjectionOptions { PartitionedShards = [1] }, TimeProvider.System);
        var inner = new InMemoryEnvelopeNetwork();
        var filtered = new FaultInjectingEnvelopeNetwork(inner, new FaultInjectionOptions(), new SeededRandom(1), TimeProvider.System);
        var local = new RecordingSink();
        filtered.Register(A, local);

        net.Send(A, B, TestEnvelope.Create(0, 1, 1));
        net.Send(B, A, TestEnvelope.Create(1, 0, 1));
        Assert.Equal(0, sink.Count);
        Assert.Equal(2, net.PartitionDrops);

        // Inbound: what a remote peer sends arrives through the inner network and is dropped before the sink.
        filtered.Partition(B);
        inner.Send(B, A, TestEnvelope.Create(1, 0, 2));
        Assert.Equal(0, local.Count);
        filtered.Heal(B);
        inner.Send(B, A, TestEnvelope.Create(1, 0, 3));
        Assert.Equal([3], local.SequencesFrom(B));

        net.HealAll();
        net.Send(A, B, TestEnvelope.Create(0, 1, 4));
        Assert.Equal([4], sink.SequencesFrom(A));
    }

    [Fact]
    public void Settings_OutOfRange_AreRefused()
    {
        var (net, _) = Wire(new FaultInjectionOptions(), TimeProvider.System);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LossProbability = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.ExtraDelay = TimeSpan.FromMilliseconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultInjectionOptions { DelayJitter = TimeSpan.FromHours(1) });
    }

    private static (List<int> Delivered, long Dropped) RunLossy(int seed)
    {
        var (net, sink) = Wire(new FaultInjectionOptions { LossProbability = 0.5 }, TimeProvider.System, seed);
        for (var i = 0; i < 1000; i++)
        {
            net.Send(A, B, TestEnvelope.Create(0, 1, i));
        }

        return ([.. sink.SequencesFrom(A)], net.Dropped);
    }

    private static (FaultInjectingEnvelopeNetwork Net, RecordingSink Sink) Wire(FaultInjectionOptions options, TimeProvider time, int seed = 7)
    {
        var net = new FaultInjectingEnvelopeNetwork(new InMemoryEnvelopeNetwork(), options, new SeededRandom(seed), time);
        var sink = new RecordingSink();
        net.Register(B, sink);
        net.Register(A, new RecordingSink());
        return (net, sink);
    }
}
