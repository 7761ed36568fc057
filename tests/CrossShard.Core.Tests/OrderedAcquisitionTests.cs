using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

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

    private List<ShardId> PreparedTo() => _fx.Messages.Where(m => m.Message is Prepare).Select(m => m.To).ToList();

    private TxId Submit(Coordinator c)
    {
        // Debit on shard 1, credits on shards 0 and 2.
        var result = c.Submit(TestData.ThreeShards(), TestData.Ms(0), _fx);
        Assert.True(result.Accepted);
        return result.Tx;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AsksOneParticipantAtATime_InShardOrder_ThenCommits(int self)
    {
        var c = Create(new ShardId(self));
        var tx = Submit(c);
        Assert.Equal([S0], PreparedTo());
        _fx.Clear();

        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        Assert.Equal([S1], PreparedTo());
        _fx.Clear();

        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(2), _fx);
        Assert.Equal([S2], PreparedTo());
        Assert.Empty(_fx.Records);
        _fx.Clear();

        c.Handle(new Vote(tx, S2, VoteKind.Yes, AbortReason.None), TestData.Ms(3), _fx);
        Assert.Single(_fx.Records.OfType<CommitDecisionRecord>());
        Assert.Equal([S0, S1, S2], _fx.Messages.Where(m => m.Message is Decision).Select(m => m.To));
    }

    [Fact]
    public void ANo_AbortsWithoutAskingTheRest_AndOnlyTheAskedHearTheDecision()
    {
        var c = Create(S2);
        var tx = Submit(c);
        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        _fx.Clear();

        c.Handle(new Vote(tx, S1, VoteKind.No, AbortReason.InsufficientFunds), TestData.Ms(2), _fx);

        Assert.Empty(PreparedTo());
        Assert.Equal([S0], _fx.Messages.Where(m => m.Message is Decision).Select(m => m.To));
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

        Assert.Equal([S1], PreparedTo());
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
        Assert.Equal([S0, S1], _fx.Messages.Where(m => m.Message is Decision).Select(m => m.To));
    }

    [Fact]
    public void ACoordinatorThatTakesNoPart_AsksInShardOrderToo()
    {
        var c = Create(S2);
        var transfer = TestData.Transfer(TestData.AccountsOn(1, 1)[0], TestData.AccountsOn(0, 1)[0], 5, 1);
        var tx = c.Submit(transfer, TestData.Ms(0), _fx).Tx;
        Assert.Equal([S0], PreparedTo());
        _fx.Clear();

        c.Handle(new Vote(tx, S0, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);

        Assert.Equal([S1], PreparedTo());
    }

    [Fact]
    public void ASingleParticipant_IsAskedAtOnce()
    {
        var c = Create(S1);
        var local = TestData.Transfer(TestData.AccountsOn(1, 2)[0], TestData.AccountsOn(1, 2)[1], 5, 1);
        Assert.True(c.Submit(local, TestData.Ms(0), _fx).Accepted);

        Assert.Equal([S1], PreparedTo());
    }
}
