using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Tests;

/// <summary>
/// Under ordered acquisition a coordinator asks its participants one at a time in shard order, the next only once the
/// previous one voted YES, whether or not it takes part itself (docs/architecture.md, "Lock policies").
/// </summary>
public sealed class OrderedAcquisitionTests
{
    private static readonly ShardId S0 = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly ShardId S2 = new(2);

    private readonly EffectBuffer _fx = new();

    private static Coordinator Create(ShardId self) =>
        new(self, TestData.Map, TestData.Options with { LockPolicy = LockPolicy.Ordered }, new FixedRandom(0), _ => false);

    // Debit on shard 1, credits on shards 0 and 2.
    private TxId Submit(Coordinator c) => c.SubmitAccepted(TestData.ThreeShards(), _fx);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AsksOneParticipantAtATime_InShardOrder_ThenCommits(int self)
    {
        var c = Create(new ShardId(self));
        var tx = Submit(c);
        Assert.Equal([S0], _fx.RecipientsOf<Prepare>());
        _fx.Clear();

        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        Assert.Equal([S1], _fx.RecipientsOf<Prepare>());
        _fx.Clear();

        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(2), _fx);
        Assert.Equal([S2], _fx.RecipientsOf<Prepare>());
        Assert.Empty(_fx.Records);
        _fx.Clear();

        c.Handle(new Vote(tx, S2, VoteKind.Yes, AbortReason.None), TestData.Ms(3), _fx);
        Assert.Single(_fx.Records.OfType<CommitDecisionRecord>());
        Assert.Equal([S0, S1, S2], _fx.RecipientsOf<Decision>());
    }

    [Fact]
    public void ANo_AbortsWithoutAskingTheRest_AndOnlyTheAskedHearTheDecision()
    {
        var c = Create(S2);
        var tx = Submit(c);
        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        _fx.Clear();

        c.Handle(new Vote(tx, S1, VoteKind.No, AbortReason.InsufficientFunds), TestData.Ms(2), _fx);

        Assert.Empty(_fx.RecipientsOf<Prepare>());
        Assert.Equal([S0], _fx.RecipientsOf<Decision>());
        Assert.Equal(AbortReason.InsufficientFunds, _fx.Replies.Single().Outcome.Reason);
    }

    [Fact]
    public void PrepareRetry_GoesOnlyToTheParticipantAskedLast()
    {
        var c = Create(S2);
        var tx = Submit(c);
        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        var retry = _fx.Timers.Where(t => t.Kind == TimerKind.PrepareRetry).MaxBy(t => t.DueAt);
        _fx.Clear();

        c.OnTimer(retry, retry.DueAt, _fx);

        Assert.Equal([S1], _fx.RecipientsOf<Prepare>());
    }

    [Fact]
    public void VoteTimeout_NamesTheParticipantItWaitsFor_NotOneNeverAsked()
    {
        var c = Create(S2);
        var tx = Submit(c);
        var timeout = _fx.Timers.Single(t => t.Kind == TimerKind.VoteTimeout);
        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        _fx.Clear();

        c.OnTimer(timeout, timeout.DueAt, _fx);

        var outcome = _fx.Replies.Single().Outcome;
        Assert.Equal((AbortReason.VoteTimeout, (ShardId?)S1), (outcome.Reason, outcome.Shard));
        Assert.Equal([S0, S1], _fx.RecipientsOf<Decision>());
    }

    [Fact]
    public void ACoordinatorThatTakesNoPart_AsksInShardOrderToo()
    {
        var c = Create(S2);
        var transfer = TestData.Transfer(TestData.AccountsOn(1, 1)[0], TestData.AccountsOn(0, 1)[0], 5, 1);
        var tx = c.SubmitAccepted(transfer, _fx);
        Assert.Equal([S0], _fx.RecipientsOf<Prepare>());
        _fx.Clear();

        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);

        Assert.Equal([S1], _fx.RecipientsOf<Prepare>());
    }

    [Fact]
    public void ASingleParticipant_IsAskedAtOnce()
    {
        var c = Create(S1);
        var local = TestData.Transfer(TestData.AccountsOn(1, 2)[0], TestData.AccountsOn(1, 2)[1], 5, 1);
        c.SubmitAccepted(local, _fx);

        Assert.Equal([S1], _fx.RecipientsOf<Prepare>());
    }
}
