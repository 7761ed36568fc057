using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Tests;

/// <summary>
/// Under no-wait, a coordinator that is itself a participant asks its own shard first and the others only once that
/// shard has voted YES, so a conflict on its own accounts aborts before any other shard locks, logs or signs anything
/// (docs/architecture.md, "Local prepare first").
/// </summary>
public sealed class LocalPrepareFirstTests
{
    private static readonly ShardId Self = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly ShardId S2 = new(2);

    private readonly EffectBuffer _fx = new();

    private static Coordinator Create(LockPolicy policy = LockPolicy.NoWait) =>
        new(Self, TestData.Map, TestData.Options with { LockPolicy = policy }, new FixedRandom(0), _ => false);

    // Debit on shard 1, credits on shards 0 (this coordinator's own) and 2.
    private TxId Submit(Coordinator c) => c.SubmitAccepted(TestData.ThreeShards(), _fx);

    [Fact]
    public void OwnShardYes_ThenTheOthersAreAsked_InTheSameBatch_AndTheTransactionCommits()
    {
        var c = Create();
        var tx = Submit(c);
        Assert.Equal([Self], _fx.RecipientsOf<Prepare>());

        c.Handle(new Vote(tx, Self, VoteKind.Yes, AbortReason.None), TestData.Ms(0), _fx);
        Assert.Equal([Self, S1, S2], _fx.RecipientsOf<Prepare>());
        Assert.DoesNotContain(_fx.Events, e => e.Kind == ProtocolEventKind.DeferredPrepareSent);
        _fx.Clear();

        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        Assert.Empty(_fx.Records);
        c.Handle(new Vote(tx, S2, VoteKind.Yes, AbortReason.None), TestData.Ms(2), _fx);
        Assert.Single(_fx.Records.OfType<CommitDecisionRecord>());
        Assert.Equal([Self, S1, S2], _fx.RecipientsOf<Decision>());
    }

    [Fact]
    public void OwnShardNo_AbortsAtOnce_WithoutAMessageToAnyOtherShard()
    {
        var c = Create();
        var tx = Submit(c);
        _fx.Clear();

        c.Handle(new Vote(tx, Self, VoteKind.No, AbortReason.LockConflict), TestData.Ms(0), _fx);

        Assert.Empty(_fx.Messages);
        var outcome = _fx.Replies.Single().Outcome;
        Assert.Equal((AbortReason.LockConflict, (ShardId?)Self), (outcome.Reason, outcome.Shard));
        Assert.Null(c.PhaseOf(tx));
        Assert.Equal(DecisionKind.Abort, c.CompletedDecisionOf(tx));
    }

    [Fact]
    public void PrepareRetry_And_VoteTimeout_BeforeTheOwnVote_LeaveTheOthersOut()
    {
        var c = Create();
        Submit(c);
        var retry = _fx.Timers.Single(t => t.Kind == TimerKind.PrepareRetry);
        var timeout = _fx.Timers.Single(t => t.Kind == TimerKind.VoteTimeout);
        _fx.Clear();

        c.OnTimer(retry, retry.DueAt, _fx);
        Assert.Equal([Self], _fx.RecipientsOf<Prepare>());

        c.OnTimer(timeout, timeout.DueAt, _fx);
        Assert.Equal((AbortReason.VoteTimeout, (ShardId?)Self), (_fx.Replies.Single().Outcome.Reason, _fx.Replies.Single().Outcome.Shard));
        Assert.DoesNotContain(_fx.Messages, m => m.To != Self);
    }

    [Fact]
    public void CoordinatorNotAParticipant_AsksEveryoneAtOnce()
    {
        var c = Create();
        c.SubmitAccepted(TestData.Transfer(TestData.AccountsOn(1, 1)[0], TestData.AccountsOn(2, 1)[0], 5), _fx);

        Assert.Equal([S1, S2], _fx.RecipientsOf<Prepare>());
    }

    [Fact]
    public void RoundTrips_CountFromWhenTheOthersWereAsked_AndTheOwnShardsVoteIsNoSample()
    {
        var c = Create();
        var tx = Submit(c);
        c.Handle(new Vote(tx, Self, VoteKind.Yes, AbortReason.None), TestData.Ms(40), _fx);
        Assert.Equal(TimeSpan.Zero, c.RoundTrip);

        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(50), _fx);

        Assert.Equal(TimeSpan.FromMilliseconds(10), c.RoundTrip);
    }
}
