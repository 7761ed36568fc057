using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Embedded;
using CrossShard.Transport.Security;
using CrossShard.Transport.Wire;

namespace CrossShard.Node.Tests.Security;

/// <summary>
/// Crafted envelopes thrown at node 0 of a signed cluster: each bad one is refused with its typed reason, counted,
/// and leaves the node's state exactly as it was; the valid control envelope does change it.
/// </summary>
public sealed class EnvelopeAdversarialTests : IAsyncLifetime
{
    private static readonly ShardId Node0 = new(0);
    private static readonly ShardId Node1 = new(1);
    // Heartbeats once a day: apart from the one at start, no genuine envelope from node 1 races the crafted ones.
    private readonly EmbeddedCluster _cluster = new(new EmbeddedClusterOptions { Shards = 3, NodeConfig = new() { HeartbeatInterval = TimeSpan.FromDays(1) } });
    private string _local = "";
    private string _remote = "";

    public async ValueTask InitializeAsync()
    {
        _local = Enumerable.Range(0, 100).Select(i => $"a{i}").First(a => _cluster.Map.ShardOf(a) == Node0);
        _remote = Enumerable.Range(0, 100).Select(i => $"a{i}").First(a => _cluster.Map.ShardOf(a) == Node1);
        _cluster.OpenAccount(_local, 100);
        _cluster.OpenAccount(_remote, 100);
        _cluster.Start();
        // The peers' first heartbeats must land before crafted envelopes move node 0's replay window.
        for (var i = 0; i < 500 && Target.EnvelopesAccepted < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(Target.EnvelopesAccepted >= 2, "node 0 never heard its peers");
    }

    public async ValueTask DisposeAsync() => await _cluster.StopAsync();

    private SecureNodeNetwork Target => (SecureNodeNetwork)_cluster.Nodes[0].Network;

    private NodeIdentity Node1Identity => _cluster.Keys!.IdentityOf(Node1);

    // A Prepare from node 1 (as coordinator) that would lock an account on node 0.
    private Prepare AttackPrepare(ulong nonce = 1)
    {
        var tx = Transaction.Transfer(nonce, new AccountId(_remote), new AccountId(_local), 10);
        return new Prepare(tx.Id, Node1, tx, [Node0, Node1], 1);
    }

    private byte[] Seal(EnvelopeHeader header, IReadOnlyList<ProtocolMessage> messages, ISigner signer, SignatureContext? forceContext = null)
    {
        var encoded = messages.Select(MessageCodec.Encode).ToList();
        var headerBytes = EnvelopeCodec.EncodeHeader(header with { Count = encoded.Count });
        var contexts = forceContext is null ? null : encoded.Select(_ => forceContext).ToList();
        return EnvelopeCodec.SignAll(signer, [new UnsignedEnvelope(headerBytes, encoded, contexts)])[0];
    }

    private EnvelopeHeader Header(ulong sequence = 1, string? cluster = null, ShardId? receiver = null, ShardId? sender = null) =>
        new(cluster ?? _cluster.Keys!.ClusterId, sender ?? Node1, receiver ?? Node0, _cluster.Epoch, sequence + 100, Count: 1);

    private async Task<(int Active, int Locks, long Total)> StateAsync() =>
        await _cluster.Nodes[0].Node.InspectAsync(static p => (p.Participant.ActiveCount, p.Participant.Locks.Count, p.Participant.Ledger.TotalBalance()));

    private async Task<long> WaitForRejectionAsync(EnvelopeRejection reason, long before)
    {
        for (var i = 0; i < 500; i++)
        {
            var now = Target.Rejections.Totals.GetValueOrDefault(reason);
            if (now > before)
            {
                return now;
            }

            await Task.Delay(10);
        }

        return Target.Rejections.Totals.GetValueOrDefault(reason);
    }

    private async Task AssertRefusedAsync(byte[] envelope, EnvelopeRejection expected, ShardId claimedSender)
    {
        var state = await StateAsync();
        var before = Target.Rejections.Totals.GetValueOrDefault(expected);

        Target.Receive(claimedSender, envelope);

        Assert.Equal(before + 1, await WaitForRejectionAsync(expected, before));
        Assert.Equal(state, await StateAsync());
        Assert.Null(_cluster.Nodes[0].Node.Failure);
    }

    [Fact]
    public async Task ValidEnvelope_IsAccepted_AndChangesState_TheControlCase()
    {
        var prepare = AttackPrepare();
        Func<Core.ShardProtocol, bool> seen = p => p.Participant.PhaseOf(prepare.Tx) is not null || p.Participant.DecidedOf(prepare.Tx) is not null;
        Assert.False(await _cluster.Nodes[0].Node.InspectAsync(seen));

        Target.Receive(Node1, Seal(Header(), [prepare], Node1Identity));

        // Node 0 prepares (and may already have been told ABORT by node 1, which never coordinated it): either way it acted.
        for (var i = 0; i < 500 && !await _cluster.Nodes[0].Node.InspectAsync(seen); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(await _cluster.Nodes[0].Node.InspectAsync(seen));
        Assert.DoesNotContain(Target.Rejections.Totals, kv => kv.Value > 0);
    }

    [Fact]
    public async Task FlippedSignatureByte_IsBadSignature()
    {
        var envelope = Seal(Header(), [AttackPrepare()], Node1Identity);
        envelope[^10] ^= 0x01;
        await AssertRefusedAsync(envelope, EnvelopeRejection.BadSignature, Node1);
    }

    [Fact]
    public async Task AlteredMessageByte_IsBadSignature()
    {
        var envelope = Seal(Header(), [new Vote(AttackPrepare().Tx, Node1, VoteKind.Yes, AbortReason.None)], Node1Identity);
        var headerLength = EnvelopeCodec.EncodeHeader(Header()).Length;
        envelope[headerLength + 4 + 1] ^= 0x80; // inside the message's transaction id
        await AssertRefusedAsync(envelope, EnvelopeRejection.BadSignature, Node1);
    }

    [Fact]
    public async Task UnsignedEnvelope_IsUnsigned() =>
        await AssertRefusedAsync(EnvelopeCodec.AssembleUnsigned(EnvelopeCodec.EncodeHeader(Header()), [MessageCodec.Encode(AttackPrepare())]), EnvelopeRejection.Unsigned, Node1);

    [Fact]
    public async Task ValidEnvelopeWithItsSignatureStripped_IsUnsigned()
    {
        // A downgrade attempt: the genuine envelope with proof and signature cut off and both lengths set to 0.
        var prepare = MessageCodec.Encode(AttackPrepare());
        var signed = Seal(Header(), [AttackPrepare()], Node1Identity);
        var body = EnvelopeCodec.EncodeHeader(Header()).Length + 4 + prepare.Length;
        var stripped = signed.AsSpan(0, body).ToArray().Concat(new byte[8]).ToArray();
        await AssertRefusedAsync(stripped, EnvelopeRejection.Unsigned, Node1);
    }

    [Fact]
    public async Task MessageSignedUnderTheWrongContext_IsBadSignature() =>
        await AssertRefusedAsync(Seal(Header(), [AttackPrepare()], Node1Identity, SignatureContext.Vote), EnvelopeRejection.BadSignature, Node1);

    [Fact]
    public async Task SignedByAKeyNotInTheManifest_IsBadSignature()
    {
        using var impostor = NodeIdentity.Generate();
        await AssertRefusedAsync(Seal(Header(), [AttackPrepare()], impostor), EnvelopeRejection.BadSignature, Node1);
    }

    [Fact]
    public async Task FromAShardNotInTheManifest_IsUnknownSender()
    {
        using var stranger = NodeIdentity.Generate();
        var message = new Ack(AttackPrepare().Tx, new ShardId(7));
        await AssertRefusedAsync(Seal(Header(sender: new ShardId(7)), [message], stranger), EnvelopeRejection.UnknownSender, new ShardId(7));
    }

    [Fact]
    public async Task AddressedToAnotherNode_IsWrongReceiver() =>
        await AssertRefusedAsync(Seal(Header(receiver: new ShardId(2)), [AttackPrepare()], Node1Identity), EnvelopeRejection.WrongReceiver, Node1);

    [Fact]
    public async Task FromAnotherCluster_IsWrongCluster() =>
        await AssertRefusedAsync(Seal(Header(cluster: "other-cluster"), [AttackPrepare()], Node1Identity), EnvelopeRejection.WrongCluster, Node1);

    [Fact]
    public async Task MessageClaimingAnotherSender_IsSenderMismatch()
    {
        var forged = new Vote(AttackPrepare().Tx, new ShardId(2), VoteKind.Yes, AbortReason.None);
        await AssertRefusedAsync(Seal(Header(), [forged], Node1Identity), EnvelopeRejection.SenderMismatch, Node1);
    }

    [Fact]
    public async Task ReplayedEnvelope_IsRefused_AndOneOutsideTheWindowToo()
    {
        var ack = new Ack(AttackPrepare().Tx, Node1);
        var first = Seal(Header(sequence: 5), [ack], Node1Identity);
        Target.Receive(Node1, first);
        Target.Receive(Node1, Seal(Header(sequence: 5000), [ack], Node1Identity));

        await AssertRefusedAsync(first, EnvelopeRejection.Replayed, Node1);
        await AssertRefusedAsync(Seal(Header(sequence: 6), [ack], Node1Identity), EnvelopeRejection.Replayed, Node1);
    }

    [Fact]
    public async Task TruncatedEnvelope_IsMalformed()
    {
        var envelope = Seal(Header(), [AttackPrepare()], Node1Identity);
        await AssertRefusedAsync(envelope[..(envelope.Length / 2)], EnvelopeRejection.Malformed, Node1);
    }

    [Fact]
    public async Task OversizedEnvelope_IsOversized()
    {
        var envelope = new byte[EnvelopeCodec.MaxEnvelopeSize + 1];
        envelope[0] = EnvelopeCodec.Version;
        await AssertRefusedAsync(envelope, EnvelopeRejection.Oversized, Node1);
    }

    [Fact]
    public async Task UnknownVersion_IsUnsupportedVersion()
    {
        var envelope = Seal(Header(), [AttackPrepare()], Node1Identity);
        envelope[0] = 9;
        await AssertRefusedAsync(envelope, EnvelopeRejection.UnsupportedVersion, Node1);
    }

    [Fact]
    public async Task Garbage_IsMalformed_AndTheNodeKeepsServing()
    {
        await AssertRefusedAsync(new byte[] { EnvelopeCodec.Version, 0, 0, 0 }, EnvelopeRejection.Malformed, Node1);

        var outcome = await _cluster.Nodes[0].InitiateCrossShardTransactionAsync(Api.CrossShardTransaction.Transfer(_local, _remote, 1, 99));
        Assert.True(outcome.IsCommitted);
    }
}
