using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Tests;

/// <summary>
/// Under wait-die, a coordinator whose own shard has one of the transaction's accounts locked at submission holds its
/// own Prepare back until every other participant has voted YES (docs/architecture.md, "Local prepare last").
/// </summary>
public sealed class LocalPrepareLastTests
{
    private static readonly ShardId Self = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly ShardId S2 = new(2);

    private readonly EffectBuffer _fx = new();

    private static Coordinator Create(bool localLocked, LockPolicy policy = LockPolicy.WaitDie) =>
        new(Self, TestData.Map, TestData.Options with { LockPolicy = policy }, new FixedRandom(0), _ => localLocked);

    // Debit on shard 1, credits on shards 0 (this coordinator's own) and 2.
    private TxId Submit(Coordinator c) => c.SubmitAccepted(TestData.ThreeShards(), _fx);

    [Fact]
    public void LocalLocked_PreparesTheOthersFirst_ThenItself_ThenCommits()
    {
        var c = Create(localLocked: true);
        var tx = Submit(c);
        Assert.Equal([S1, S2], _fx.RecipientsOf<Prepare>());
        _fx.Clear();

        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        Assert.Empty(_fx.RecipientsOf<Prepare>());
        c.Handle(new Vote(tx, S2, VoteKind.Yes, AbortReason.None), TestData.Ms(2), _fx);
        Assert.Equal([Self], _fx.RecipientsOf<Prepare>());
        Assert.Contains(_fx.Events, e => e.Kind == ProtocolEventKind.DeferredPrepareSent && e.Tx == tx);
        Assert.Empty(_fx.Records);
        _fx.Clear();

        c.Handle(new Vote(tx, Self, VoteKind.Yes, AbortReason.None), TestData.Ms(3), _fx);
        Assert.Single(_fx.Records.OfType<CommitDecisionRecord>());
        Assert.Equal([Self, S1, S2], _fx.RecipientsOf<Decision>());
    }

    [Fact]
    public void LocalFree_PreparesEveryoneAtOnce()
    {
        var c = Create(localLocked: false);
        Submit(c);

        Assert.Equal([Self, S1, S2], _fx.RecipientsOf<Prepare>());
    }

    [Fact]
    public void OnlyUnderWaitDie_WaitForOlderPreparesEveryoneAtOnce()
    {
        var c = Create(localLocked: true, LockPolicy.WaitForOlder);
        Submit(c);

        Assert.Equal([Self, S1, S2], _fx.RecipientsOf<Prepare>());
    }

    [Fact]
    public void AbortBeforeItsPrepare_NeverAsksTheHeldBackShard_NorWaitsForItsAck()
    {
        var c = Create(localLocked: true);
        var tx = Submit(c);
        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        _fx.Clear();

        c.Handle(new Vote(tx, S2, VoteKind.No, AbortReason.InsufficientFunds), TestData.Ms(2), _fx);
        Assert.Empty(_fx.RecipientsOf<Prepare>());
        Assert.Equal([S1], _fx.RecipientsOf<Decision>());

        c.Handle(new Ack(tx, S1), TestData.Ms(3), _fx);
        Assert.Null(c.PhaseOf(tx));
        Assert.Equal(DecisionKind.Abort, c.CompletedDecisionOf(tx));
    }

    [Fact]
    public void PrepareRetry_And_VoteTimeout_LeaveTheHeldBackShardOut()
    {
        var c = Create(localLocked: true);
        var tx = Submit(c);
        var retry = _fx.Timers.Single(t => t.Kind == TimerKind.PrepareRetry);
        var timeout = _fx.Timers.Single(t => t.Kind == TimerKind.VoteTimeout);
        c.Handle(new Vote(tx, S1, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        _fx.Clear();

        c.OnTimer(retry, retry.DueAt, _fx);
        Assert.Equal([S2], _fx.RecipientsOf<Prepare>());

        c.OnTimer(timeout, timeout.DueAt, _fx);
        Assert.Equal((AbortReason.VoteTimeout, (ShardId?)S2), (_fx.Replies.Single().Outcome.Reason, _fx.Replies.Single().Outcome.Shard));
    }
}
