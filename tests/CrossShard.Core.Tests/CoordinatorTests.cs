using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class CoordinatorTests
{
    private static readonly ShardId Self = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly ShardId S2 = new(2);

    private readonly EffectBuffer _fx = new();
    // Wait-for-older asks every participant at submission; no-wait's own-shard-first order has its own tests
    // (LocalPrepareFirstTests), wait-die's own-shard-last order too (LocalPrepareLastTests).
    private readonly Coordinator _c = new(Self, TestData.Map, TestData.Options with { LockPolicy = Locks.LockPolicy.WaitForOlder }, new FixedRandom(0));

    private static Transaction ThreeShards(ulong nonce = 1) => TestData.ThreeShards(nonce);

    private TxId Submit(ulong nonce = 1)
    {
        var result = _c.Submit(ThreeShards(nonce), TimeSpan.Zero, _fx);
        Assert.True(result.Accepted);
        return result.Tx;
    }

    private List<(ShardId To, T Message)> Sent<T>() where T : ProtocolMessage =>
        _fx.Messages.Where(m => m.Message is T).Select(m => (m.To, (T)m.Message)).ToList();

    private void VoteAll(TxId tx, params ShardId[] shards)
    {
        foreach (var shard in shards)
        {
            _c.Handle(new Vote(tx, shard, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        }
    }

    [Fact]
    public void Submit_SendsPrepareToEveryParticipant_ArmsTimers_LogsNothing()
    {
        var tx = Submit();

        Assert.Equal([Self, S1, S2], Sent<Prepare>().Select(m => m.To));
        Assert.All(Sent<Prepare>(), m => Assert.Equal(tx, m.Message.Tx));
        Assert.Equal([TimerKind.VoteTimeout, TimerKind.PrepareRetry], _fx.Timers.Select(t => t.Kind));
        Assert.Equal(TestData.Options.VoteTimeout, _fx.Timers[0].DueAt);
        Assert.Empty(_fx.Records);
        Assert.Empty(_fx.Replies);
        Assert.Equal(CoordinatorPhase.CollectingVotes, _c.PhaseOf(tx));
    }

    [Fact]
    public void Priorities_AreTheAgeOriginPlusTheProtocolClock_AndStrictlyIncrease()
    {
        var origin = TimeSpan.FromDays(20_000);
        var c = new Coordinator(Self, TestData.Map, TestData.Options with { AgeOrigin = origin }, new FixedRandom(0));

        c.Submit(ThreeShards(1), TestData.Ms(7), _fx);
        c.Submit(ThreeShards(2), TestData.Ms(7), _fx);

        var priorities = Sent<Prepare>().Select(m => m.Message.Priority).Distinct().ToArray();
        Assert.Equal([(origin + TestData.Ms(7)).Ticks, (origin + TestData.Ms(7)).Ticks + 1], priorities);
    }

    [Fact]
    public void Submit_Invalid_IsRefusedWithTheTypedErrorAndNoEffect()
    {
        var result = _c.Submit(TestData.Transfer("a", "a", 5), TimeSpan.Zero, _fx);

        Assert.Equal(TransactionError.SelfTransfer, result.Error);
        Assert.True(_fx.IsEmpty);
        Assert.Equal(0, _c.ActiveCount);
    }

    [Fact]
    public void Submit_SameTransactionTwice_IsRefusedAsDuplicate_WhileActiveAndAfterwards()
    {
        var tx = Submit();

        Assert.Equal(TransactionError.DuplicateTransaction, _c.Submit(ThreeShards(), TimeSpan.Zero, _fx).Error);
        VoteAll(tx, Self, S1, S2);
        foreach (var shard in new[] { Self, S1, S2 })
        {
            _c.Handle(new Ack(tx, shard), TestData.Ms(2), _fx);
        }

        Assert.Null(_c.PhaseOf(tx));
        Assert.Equal(TransactionError.DuplicateTransaction, _c.Submit(ThreeShards(), TimeSpan.Zero, _fx).Error);
    }

    [Fact]
    public void Submit_TouchingADownShard_IsRefusedAtOnce()
    {
        _c.SetShardDown(S2, down: true);

        Assert.Equal(TransactionError.ShardDown, _c.Submit(ThreeShards(), TimeSpan.Zero, _fx).Error);
        _c.SetShardDown(S2, down: false);
        Assert.True(_c.Submit(ThreeShards(), TimeSpan.Zero, _fx).Accepted);
    }

    [Fact]
    public void AllYes_LogsForcedCommitRecord_RepliesCommitted_SendsCommitToAll()
    {
        var tx = Submit();
        _fx.Clear();

        VoteAll(tx, S2, Self);
        Assert.Empty(_fx.Records);
        VoteAll(tx, S1);

        var record = Assert.IsType<CommitDecisionRecord>(Assert.Single(_fx.Records));
        Assert.True(record.IsForced);
        Assert.True(Assert.Single(_fx.Replies).Outcome.IsCommitted);
        Assert.Equal([Self, S1, S2], Sent<Decision>().Select(m => m.To));
        Assert.All(Sent<Decision>(), m => Assert.Equal(DecisionKind.Commit, m.Message.Kind));
        Assert.Equal(CoordinatorPhase.Committing, _c.PhaseOf(tx));
    }

    [Fact]
    public void DuplicateYes_DoesNotCommitEarly()
    {
        var tx = Submit();

        VoteAll(tx, S1, S1, S1, Self, Self);

        Assert.Equal(CoordinatorPhase.CollectingVotes, _c.PhaseOf(tx));
        Assert.Empty(_fx.Replies);
    }

    [Fact]
    public void No_AbortsWithTheReason_AndSendsAbortOnlyToShardsThatDidNotSayNo()
    {
        var tx = Submit();
        VoteAll(tx, Self);
        _fx.Clear();

        _c.Handle(new Vote(tx, S1, VoteKind.No, AbortReason.InsufficientFunds), TestData.Ms(2), _fx);

        var outcome = Assert.Single(_fx.Replies).Outcome;
        Assert.Equal((DecisionKind.Abort, AbortReason.InsufficientFunds, (ShardId?)S1), (outcome.Decision, outcome.Reason, outcome.Shard));
        Assert.Empty(_fx.Records);
        Assert.Equal([Self, S2], Sent<Decision>().Select(m => m.To));
        Assert.All(Sent<Decision>(), m => Assert.Equal(DecisionKind.Abort, m.Message.Kind));
    }

    [Fact]
    public void No_FromEveryParticipant_FinishesAtOnce()
    {
        var tx = Submit();
        _fx.Clear();

        foreach (var shard in new[] { Self, S1, S2 })
        {
            _c.Handle(new Vote(tx, shard, VoteKind.No, AbortReason.LockConflict), TestData.Ms(2), _fx);
        }

        Assert.Null(_c.PhaseOf(tx));
        Assert.Equal(DecisionKind.Abort, _c.CompletedDecisionOf(tx));
        Assert.Single(_fx.Replies);
    }

    [Fact]
    public void VoteTimeout_AbortsNamingASilentShard()
    {
        var tx = Submit();
        var timeout = _fx.Timers.Single(t => t.Kind == TimerKind.VoteTimeout);
        VoteAll(tx, Self, S1);
        _fx.Clear();

        _c.OnTimer(timeout, timeout.DueAt, _fx);

        var outcome = Assert.Single(_fx.Replies).Outcome;
        Assert.Equal((AbortReason.VoteTimeout, (ShardId?)S2), (outcome.Reason, outcome.Shard));
        Assert.Equal(CoordinatorPhase.Aborting, _c.PhaseOf(tx));
    }

    [Fact]
    public void PrepareRetry_ResendsOnlyToSilentShards_UntilTheRetryBudgetIsSpent()
    {
        var tx = Submit();
        var retry = _fx.Timers.Single(t => t.Kind == TimerKind.PrepareRetry);
        VoteAll(tx, S1);
        var resends = 0;

        while (true)
        {
            _fx.Clear();
            _c.OnTimer(retry, retry.DueAt, _fx);
            Assert.Equal([Self, S2], Sent<Prepare>().Select(m => m.To));
            resends++;
            if (_fx.Timers.Count == 0)
            {
                break;
            }

            retry = Assert.Single(_fx.Timers);
        }

        Assert.Equal(TestData.Options.MaxPrepareRetries, resends);
    }

    [Fact]
    public void DecisionRetry_ResendsToNonAckers_Forever_WithCappedBackoff()
    {
        var tx = Submit();
        VoteAll(tx, Self, S1, S2);
        var retry = _fx.Timers.Single(t => t.Kind == TimerKind.DecisionRetry);
        _c.Handle(new Ack(tx, S1), TestData.Ms(3), _fx);

        for (var i = 0; i < 50; i++)
        {
            _fx.Clear();
            _c.OnTimer(retry, retry.DueAt, _fx);
            Assert.Equal([Self, S2], Sent<Decision>().Select(m => m.To));
            var next = Assert.Single(_fx.Timers);
            Assert.InRange(next.DueAt - retry.DueAt, TimeSpan.Zero, TestData.Options.DecisionRetry.Max);
            retry = next;
        }

        Assert.Equal(CoordinatorPhase.Committing, _c.PhaseOf(tx));
    }

    [Fact]
    public void AllAcks_AfterCommit_LogEndAndForget_DuplicateAcksIgnored()
    {
        var tx = Submit();
        VoteAll(tx, Self, S1, S2);
        _fx.Clear();

        _c.Handle(new Ack(tx, Self), TestData.Ms(2), _fx);
        _c.Handle(new Ack(tx, Self), TestData.Ms(2), _fx);
        _c.Handle(new Ack(tx, S1), TestData.Ms(2), _fx);
        Assert.Empty(_fx.Records);
        _c.Handle(new Ack(tx, S2), TestData.Ms(2), _fx);

        Assert.IsType<EndRecord>(Assert.Single(_fx.Records));
        Assert.Null(_c.PhaseOf(tx));
        Assert.Equal(DecisionKind.Commit, _c.CompletedDecisionOf(tx));
        _fx.Clear();
        _c.Handle(new Ack(tx, S2), TestData.Ms(3), _fx);
        Assert.True(_fx.IsEmpty);
    }

    [Fact]
    public void StaleTimers_AreIgnored()
    {
        var tx = Submit();
        var timers = _fx.Timers.ToList();
        VoteAll(tx, Self, S1, S2);
        _fx.Clear();

        foreach (var timer in timers)
        {
            _c.OnTimer(timer, timer.DueAt, _fx);
        }

        Assert.True(_fx.IsEmpty);
    }

    [Fact]
    public void LateYes_AfterCommit_GetsTheDecisionAgain()
    {
        var tx = Submit();
        VoteAll(tx, Self, S1, S2);
        _fx.Clear();

        VoteAll(tx, S2);

        var (to, decision) = Assert.Single(Sent<Decision>());
        Assert.Equal((S2, DecisionKind.Commit), (to, decision.Kind));
    }

    [Fact]
    public void StatusQuery_WhileCollecting_IsNotAnswered_AfterCommit_GetsCommit()
    {
        var tx = Submit();
        _fx.Clear();

        _c.Handle(new StatusQuery(tx, S1), TestData.Ms(1), _fx);
        Assert.Empty(_fx.Messages);

        VoteAll(tx, Self, S1, S2);
        _fx.Clear();
        _c.Handle(new StatusQuery(tx, S1), TestData.Ms(2), _fx);
        Assert.Equal(DecisionKind.Commit, Assert.Single(Sent<Decision>()).Message.Kind);
    }

    [Fact]
    public void StatusQueryOrYes_ForUnknownTransaction_IsAnsweredAbort_PresumedAbort()
    {
        var unknown = ThreeShards(99).Id;

        _c.Handle(new StatusQuery(unknown, S1), TestData.Ms(1), _fx);
        _c.Handle(new Vote(unknown, S2, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx);
        _c.Handle(new Vote(unknown, Self, VoteKind.No, AbortReason.LockConflict), TestData.Ms(1), _fx);

        Assert.Equal([S1, S2], Sent<Decision>().Select(m => m.To));
        Assert.All(Sent<Decision>(), m => Assert.Equal((DecisionKind.Abort, true), (m.Message.Kind, m.Message.Presumed)));
        Assert.Empty(_fx.Records);
    }

    [Fact]
    public void StatusQuery_ForRememberedCommit_IsAnsweredCommit()
    {
        var tx = Submit();
        VoteAll(tx, Self, S1, S2);
        foreach (var shard in new[] { Self, S1, S2 })
        {
            _c.Handle(new Ack(tx, shard), TestData.Ms(2), _fx);
        }

        _fx.Clear();

        _c.Handle(new StatusQuery(tx, S1), TestData.Ms(3), _fx);

        Assert.Equal(DecisionKind.Commit, Assert.Single(Sent<Decision>()).Message.Kind);
    }

    [Fact]
    public void Vote_FromANonParticipant_IsAProtocolViolation()
    {
        var tx = _c.Submit(TestData.Transfer(TestData.AccountsOn(0, 2)[0], TestData.AccountsOn(0, 2)[1], 1), TimeSpan.Zero, _fx).Tx;

        Assert.Throws<ProtocolViolationException>(() => _c.Handle(new Vote(tx, S2, VoteKind.Yes, AbortReason.None), TestData.Ms(1), _fx));
    }

    [Fact]
    public void Ack_WhileCollectingVotes_IsIgnored()
    {
        var tx = Submit();
        _fx.Clear();

        _c.Handle(new Ack(tx, S1), TestData.Ms(1), _fx);
        VoteAll(tx, Self, S1, S2);
        _c.Handle(new Ack(tx, Self), TestData.Ms(2), _fx);
        _c.Handle(new Ack(tx, S2), TestData.Ms(2), _fx);

        Assert.Equal(CoordinatorPhase.Committing, _c.PhaseOf(tx));
    }
}
