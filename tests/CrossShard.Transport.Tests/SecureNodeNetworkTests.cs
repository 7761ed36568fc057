using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Transport.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrossShard.Transport.Tests;

public sealed class SecureNodeNetworkTests : IDisposable
{
    private const string Cluster = "c1";
    private static readonly TxId Tx = new(9, 8, 7, 6);
    private readonly NodeIdentity[] _identities = [.. Enumerable.Range(0, 4).Select(_ => NodeIdentity.Generate())];
    private readonly InMemoryEnvelopeNetwork _wire = new();
    private readonly List<SecureNodeNetwork> _nodes = [];

    private PeerKeyring Keyring => new(Enumerable.Range(0, 4).ToDictionary(i => new ShardId(i), i => _identities[i].PublicKey));

    private (SecureNodeNetwork Network, Inbox Inbox) Node(int shard, SealPacing? pacing = null, bool signs = true)
    {
        var network = signs
            ? new SecureNodeNetwork(new ShardId(shard), Cluster, _identities[shard], Keyring, _wire, epoch: 1, NullLogger.Instance, TimeProvider.System, pacing: pacing)
            : SecureNodeNetwork.WithoutSignatures(new ShardId(shard), Cluster, Keyring, _wire, epoch: 1, NullLogger.Instance, TimeProvider.System, pacing: pacing);
        var inbox = new Inbox();
        network.Register(new ShardId(shard), inbox);
        _nodes.Add(network);
        return (network, inbox);
    }

    [Fact]
    public async Task OneSigningRound_CoversTheEnvelopesToEveryPeer()
    {
        // A long spacing makes everything sent while the first round is under way wait for the second.
        var (sender, _) = Node(0, new SealPacing(TimeSpan.FromMilliseconds(300), 1.0, TimeSpan.FromMilliseconds(300)));
        var receivers = Enumerable.Range(1, 3).Select(i => Node(i).Inbox).ToArray();

        for (var round = 0; round < 5; round++)
        {
            for (var peer = 1; peer <= 3; peer++)
            {
                sender.Send(new ShardId(0), new ShardId(peer), [new Ack(Tx, new ShardId(0)), new Heartbeat(new ShardId(0))]);
            }
        }

        await WaitUntilAsync(() => receivers.All(r => r.Count == 10));
        Assert.All(receivers, r => Assert.All(r.Senders, s => Assert.Equal(new ShardId(0), s)));
        Assert.Equal(30, sender.MessagesSent);
        Assert.InRange(sender.Signatures, 1, 2);
        Assert.InRange(sender.EnvelopesSent, 3, 6);
    }

    [Fact]
    public async Task AnIdleNode_SignsAtOnce_EvenWithALongSpacing()
    {
        var (sender, _) = Node(0, new SealPacing(TimeSpan.FromSeconds(1), 0.01, TimeSpan.FromSeconds(1)));
        var (_, inbox) = Node(1);
        var started = TimeProvider.System.GetTimestamp();

        sender.Send(new ShardId(0), new ShardId(1), [new Ack(Tx, new ShardId(0))]);

        await WaitUntilAsync(() => inbox.Count == 1);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(1), "the first round of an idle node must not wait for the spacing");
    }

    [Fact]
    public async Task NodesWithoutSignatures_ExchangeUnsignedEnvelopes_AndSignNothing()
    {
        var (sender, _) = Node(0, signs: false);
        var (receiver, inbox) = Node(1, signs: false);

        sender.Send(new ShardId(0), new ShardId(1), [new Ack(Tx, new ShardId(0)), new Heartbeat(new ShardId(0))]);

        await WaitUntilAsync(() => inbox.Count == 2);
        Assert.Equal((false, 0L, 1L, 2L), (sender.Signs, sender.Signatures, sender.EnvelopesSent, sender.MessagesSent));
        Assert.Equal(1, receiver.EnvelopesAccepted);
    }

    [Fact]
    public async Task ANodeWithSignatures_RefusesEveryUnsignedEnvelope_AndStillTakesSignedOnes()
    {
        var (unsigned, _) = Node(0, signs: false);
        var (signed, _) = Node(2);
        var (receiver, inbox) = Node(1);

        unsigned.Send(new ShardId(0), new ShardId(1), [new Ack(Tx, new ShardId(0))]);
        await WaitUntilAsync(() => receiver.Rejections.Totals.GetValueOrDefault(EnvelopeRejection.Unsigned) == 1);
        signed.Send(new ShardId(2), new ShardId(1), [new Ack(Tx, new ShardId(2))]);
        await WaitUntilAsync(() => inbox.Count == 1);

        Assert.Equal([new ShardId(2)], inbox.Senders);
        Assert.Equal(1, receiver.EnvelopesAccepted);
    }

    [Fact]
    public void IdleCores_RaiseTheSigningShare_FromTheBusyShareToTheIdleShare()
    {
        var pacing = new SealPacing(TimeSpan.FromMilliseconds(1), 0.1, TimeSpan.FromMilliseconds(50), IdleSigningShare: 0.5);

        Assert.Equal(0.1, pacing.ShareAt(0), 9);
        Assert.Equal(0.3, pacing.ShareAt(0.5), 9);
        Assert.Equal(0.5, pacing.ShareAt(1), 9);
        Assert.Equal(TimeSpan.FromMilliseconds(20), pacing.DelayBeforeNext(TimeSpan.Zero, TimeSpan.FromMilliseconds(2), idleFraction: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(4), pacing.DelayBeforeNext(TimeSpan.Zero, TimeSpan.FromMilliseconds(2), idleFraction: 1));
        Assert.Equal(0.1, new SealPacing(TimeSpan.Zero, 0.1).ShareAt(1), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealPacing(TimeSpan.Zero, 0.5, IdleSigningShare: 0.2).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealPacing(TimeSpan.Zero, 0.5, IdleSigningShare: 1.5).Validate());
    }

    [Fact]
    public void CpuLoad_ReportsTheIdleShareOfEachClosedWindow()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        double busy = 0, capacity = 0;
        var load = new CpuLoad(time, () => (busy, capacity));

        Assert.Equal(0, load.IdleFraction);
        time.Advance(TimeSpan.FromMilliseconds(100));
        (busy, capacity) = (busy + 50, capacity + 200);
        Assert.Equal(0.75, load.IdleFraction, 9);
        // Inside the next window the last answer stands.
        time.Advance(TimeSpan.FromMilliseconds(10));
        (busy, capacity) = (busy + 20, capacity + 20);
        Assert.Equal(0.75, load.IdleFraction, 9);
        time.Advance(TimeSpan.FromMilliseconds(90));
        (busy, capacity) = (busy + 180, capacity + 180);
        Assert.Equal(0, load.IdleFraction, 9);
    }

    [Fact]
    public void MachineCpuLoad_ReadsAShareBetweenZeroAndOne()
    {
        var load = CpuLoad.OfMachine(TimeProvider.System);
        var spin = System.Diagnostics.Stopwatch.StartNew();
        while (spin.Elapsed < CpuLoad.Window * 2)
        {
            // Busy on purpose: the window must close with some load in it.
        }

        Assert.InRange(load.IdleFraction, 0, 1);
        Assert.True(load.IdleFraction < 1, "a core was busy spinning, the machine cannot have been entirely idle");
    }

    [Fact]
    public void SharedPacing_SplitsTheBusySigningShareAmongTheNodesOfOneProcess_ButNotTheIdleShare()
    {
        var pacing = new SealPacing(TimeSpan.FromMilliseconds(1), 0.1, TimeSpan.FromMilliseconds(50));

        var shared = pacing.SharedBy(4);

        Assert.Equal(0.025, shared.SigningShare, 9);
        var sharedDefault = SealPacing.Default.SharedBy(4);
        Assert.Equal(1.0, sharedDefault.IdleSigningShare!.Value, 9);
        // Half the cores idle: halfway between the split busy share and the whole idle share.
        Assert.Equal(0.025 + ((1.0 - 0.025) / 2), sharedDefault.ShareAt(0.5), 9);
        Assert.Equal(TimeSpan.FromMilliseconds(40), shared.DelayBeforeNext(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
        Assert.Equal(pacing, pacing.SharedBy(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pacing.SharedBy(0));
    }

    [Fact]
    public void Pacing_SpacesRoundsByTheSigningShare_AndNeverBelowTheMinimum()
    {
        var pacing = new SealPacing(TimeSpan.FromMilliseconds(1), 0.1);

        Assert.Equal(TimeSpan.FromMilliseconds(9), pacing.DelayBeforeNext(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), pacing.DelayBeforeNext(TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(0.01)));
        Assert.Equal(TimeSpan.Zero, pacing.DelayBeforeNext(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(25), pacing.DelayBeforeNext(TimeSpan.Zero, TimeSpan.FromMilliseconds(80)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealPacing(TimeSpan.Zero, 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealPacing(TimeSpan.FromMilliseconds(-1), 0.5).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealPacing(TimeSpan.FromMilliseconds(10), 0.5, TimeSpan.FromMilliseconds(5)).Validate());
    }

    [Fact]
    public async Task SendWhenDurable_SealsAtOnce_ButSendsOnlyWhenTheWriteCompletes()
    {
        var (sender, _) = Node(0);
        var (_, inbox) = Node(1);
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sender.SendWhenDurable(new ShardId(0), new ShardId(1), [new Ack(Tx, new ShardId(0))], write.Task);

        // Signed while the write is pending, held back until it completes.
        await WaitUntilAsync(() => sender.Signatures == 1);
        await Task.Delay(50);
        Assert.Equal(0, inbox.Count);
        Assert.Equal(0, sender.EnvelopesSent);

        write.SetResult();
        await WaitUntilAsync(() => inbox.Count == 1);
        Assert.Equal(1, sender.EnvelopesSent);
    }

    [Fact]
    public async Task SendWhenDurable_DropsTheRound_WhenTheWriteFails()
    {
        var (sender, _) = Node(0);
        var (_, inbox) = Node(1);
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        sender.SendWhenDurable(new ShardId(0), new ShardId(1), [new Ack(Tx, new ShardId(0))], write.Task);
        await WaitUntilAsync(() => sender.Signatures == 1);
        write.SetException(new IOException("disk full"));

        // A later message gets through; the one whose write failed never does.
        sender.Send(new ShardId(0), new ShardId(1), [new Heartbeat(new ShardId(0))]);
        await WaitUntilAsync(() => inbox.Count == 1);
        await Task.Delay(50);
        Assert.Equal(1, inbox.Count);
        Assert.Equal(1, sender.MessagesSent);
    }

    [Fact]
    public async Task SendWhenDurable_ToItself_WaitsForTheWriteToo()
    {
        var (node, inbox) = Node(0);
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        node.SendWhenDurable(new ShardId(0), new ShardId(0), [new Ack(Tx, new ShardId(0))], write.Task);
        await Task.Delay(50);
        Assert.Equal(0, inbox.Count);

        write.SetResult();
        await WaitUntilAsync(() => inbox.Count == 1);
    }

    [Fact]
    public async Task SendWhenDurable_WithACompletedWrite_SendsLikeSend()
    {
        var (sender, _) = Node(0, signs: false);
        var (_, inbox) = Node(1, signs: false);

        sender.SendWhenDurable(new ShardId(0), new ShardId(1), [new Ack(Tx, new ShardId(0))], Task.CompletedTask);

        await WaitUntilAsync(() => inbox.Count == 1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (TimeProvider.System.TimestampFrequency * 10);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, "condition not met within 10 s");
            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    private sealed class Inbox : IMessageSink
    {
        private readonly ConcurrentQueue<ShardId> _senders = new();

        public int Count => _senders.Count;

        public IEnumerable<ShardId> Senders => _senders;

        public void Deliver(ShardId from, IReadOnlyList<ProtocolMessage> batch)
        {
            foreach (var message in batch)
            {
                _senders.Enqueue(message.From == from ? from : new ShardId(-1));
            }
        }
    }
}
