using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Locks;
using CrossShard.Core.Messages;
using CrossShard.Core.Participation;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class ParticipantTests
{
    private static readonly ShardId Self = new(0);
    private static readonly ShardId CoordinatorShard = new(1);
    private static readonly string[] Local = TestData.AccountsOn(0, 4);
    private static readonly string[] Remote = TestData.AccountsOn(1, 4);

    private readonly EffectBuffer _fx = new();

    private static Participant Create(LockPolicy policy = LockPolicy.NoWait, long balance = 100) =>
        new(Self, TestData.Map, TestData.LedgerWith(0, balance), TestData.Options with { LockPolicy = policy }, new FixedRandom(0));

    private static Prepare PrepareFor(Transaction tx, long priority = 1) =>
        new(tx.Id, CoordinatorShard, tx, tx.ParticipantsIn(TestData.Map), priority);

    private static Prepare DebitLocal(int account = 0, long amount = 30, ulong nonce = 1, long priority = 1) =>
        PrepareFor(TestData.Transfer(Local[account], Remote[0], amount, nonce), priority);

    private Vote SingleVote()
    {
        var message = Assert.Single(_fx.Messages);
        Assert.Equal(CoordinatorShard, message.To);
        return Assert.IsType<Vote>(message.Message);
    }

    [Fact]
    public void Prepare_Valid_LocksLogsPreparedVotesYesAndArmsInDoubtQuery()
    {
        var p = Create();
        var prepare = DebitLocal();

        p.Handle(prepare, TestData.Ms(0), _fx);

        Assert.Equal(VoteKind.Yes, SingleVote().Kind);
        var record = Assert.IsType<PreparedRecord>(Assert.Single(_fx.Records));
        Assert.True(record.IsForced);
        Assert.Equal(new AccountState(70, 1), Assert.Single(record.Writes).State);
        Assert.Equal(ParticipantPhase.Prepared, p.PhaseOf(prepare.Tx));
        Assert.True(p.Locks.TryGetHolder(Local[0], out _));
        Assert.Equal(TimerKind.InDoubtQuery, Assert.Single(_fx.Timers).Kind);
        Assert.Equal(100, Balance(p, Local[0]));
    }

    [Theory]
    [InlineData(500, AbortReason.InsufficientFunds)]
    public void Prepare_InsufficientFunds_VotesNoAndHoldsNothing(long amount, AbortReason reason)
    {
        var p = Create();

        p.Handle(DebitLocal(amount: amount), TestData.Ms(0), _fx);

        var vote = SingleVote();
        Assert.Equal((VoteKind.No, reason), (vote.Kind, vote.Reason));
        Assert.Empty(_fx.Records);
        Assert.Equal(0, p.Locks.Count);
        Assert.Equal(0, p.ActiveCount);
    }

    [Fact]
    public void Prepare_UnknownAccount_VotesNoUnknownAccount()
    {
        var p = Create();
        var missing = TestData.AccountsOn(0, 10)[9];

        p.Handle(PrepareFor(TestData.Transfer(missing, Remote[0], 1)), TestData.Ms(0), _fx);

        Assert.Equal(AbortReason.UnknownAccount, SingleVote().Reason);
        Assert.Equal(0, p.Locks.Count);
    }

    [Fact]
    public void Prepare_LockedAccount_NoWait_VotesNoLockConflict()
    {
        var p = Create();
        p.Handle(DebitLocal(nonce: 1), TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(DebitLocal(nonce: 2), TestData.Ms(1), _fx);

        Assert.Equal(AbortReason.LockConflict, SingleVote().Reason);
        Assert.Equal(1, p.Locks.Count);
    }

    [Fact]
    public void Prepare_Duplicate_WhilePrepared_RepeatsYesWithoutNewRecordOrLock()
    {
        var p = Create();
        var prepare = DebitLocal();
        p.Handle(prepare, TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(prepare, TestData.Ms(5), _fx);

        Assert.Equal(VoteKind.Yes, SingleVote().Kind);
        Assert.Empty(_fx.Records);
        Assert.Empty(_fx.Timers);
        Assert.Equal(1, p.Locks.Count);
    }

    [Fact]
    public void Prepare_Duplicate_AfterNo_RepeatsTheSameNo()
    {
        var p = Create();
        var prepare = DebitLocal(amount: 1000);
        p.Handle(prepare, TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(prepare, TestData.Ms(5), _fx);

        var vote = SingleVote();
        Assert.Equal((VoteKind.No, AbortReason.InsufficientFunds), (vote.Kind, vote.Reason));
        Assert.Empty(_fx.Events);
    }

    [Fact]
    public void Prepare_NotAParticipant_VotesNoWithoutRemembering()
    {
        var p = Create();
        var tx = TestData.Transfer(Remote[0], Remote[1], 1);

        p.Handle(new Prepare(tx.Id, CoordinatorShard, tx, [new ShardId(1)], 1), TestData.Ms(0), _fx);

        Assert.Equal(AbortReason.NotParticipant, SingleVote().Reason);
        Assert.Null(p.DecidedOf(tx.Id));
    }

    [Fact]
    public void Prepare_WithMismatchedId_IsAProtocolViolation()
    {
        var p = Create();
        var tx = TestData.Transfer(Local[0], Remote[0], 1);
        var other = TestData.Transfer(Local[0], Remote[0], 2);

        Assert.Throws<ProtocolViolationException>(() => p.Handle(new Prepare(other.Id, CoordinatorShard, tx, [Self, CoordinatorShard], 1), TestData.Ms(0), _fx));
        Assert.Equal(0, p.Locks.Count);
    }

    [Fact]
    public void Prepare_AnchorThatExists_VotesNoAnchorExists()
    {
        var p = Create();
        var first = new Transaction(0, [Operation.Anchor(Self, "h")]);
        p.Handle(PrepareFor(first), TestData.Ms(0), _fx);
        p.Handle(new Decision(first.Id, CoordinatorShard, DecisionKind.Commit), TestData.Ms(1), _fx);
        _fx.Clear();

        var second = new Transaction(1, [Operation.Anchor(Self, "h")]);
        p.Handle(PrepareFor(second), TestData.Ms(2), _fx);

        Assert.Equal(AbortReason.AnchorExists, SingleVote().Reason);
        Assert.Contains("h", p.Ledger.Anchors);
    }

    [Fact]
    public void DecidedTransactions_AreRememberedUpToTheRetention_OldestForgottenFirst()
    {
        var p = new Participant(Self, TestData.Map, TestData.LedgerWith(0, 100), TestData.Options with { DecidedRetention = 2 }, new FixedRandom(0));
        var prepares = Enumerable.Range(0, 3).Select(i => DebitLocal(account: i, amount: 10, nonce: (ulong)(i + 1))).ToList();
        foreach (var (prepare, at) in prepares.Select((x, i) => (x, i)))
        {
            p.Handle(prepare, TestData.Ms(at), _fx);
            p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(at), _fx);
        }

        Assert.Null(p.DecidedOf(prepares[0].Tx));
        Assert.Equal(DecisionKind.Commit, p.DecidedOf(prepares[1].Tx)?.Decision);
        Assert.Equal(DecisionKind.Commit, p.DecidedOf(prepares[2].Tx)?.Decision);

        // A late duplicate of a remembered Prepare is answered from memory, not prepared again.
        _fx.Clear();
        p.Handle(prepares[2], TestData.Ms(10), _fx);
        Assert.Empty(_fx.Records);
        Assert.Equal(0, p.Locks.Count);
    }

    [Fact]
    public void Decision_Commit_AppliesWritesReleasesLocksLogsAndAcks()
    {
        var p = Create();
        var prepare = DebitLocal(amount: 30);
        p.Handle(prepare, TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(1), _fx);

        Assert.Equal(70, Balance(p, Local[0]));
        Assert.Equal(0, p.Locks.Count);
        Assert.IsType<CommittedRecord>(Assert.Single(_fx.Records));
        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
        Assert.Equal(DecisionKind.Commit, p.DecidedOf(prepare.Tx)?.Decision);
        Assert.Equal(0, p.ActiveCount);
    }

    [Fact]
    public void Decision_Duplicate_IsAckedAgainWithoutApplyingTwice()
    {
        var p = Create();
        var prepare = DebitLocal(amount: 30);
        var commit = new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Commit);
        p.Handle(prepare, TestData.Ms(0), _fx);
        p.Handle(commit, TestData.Ms(1), _fx);
        _fx.Clear();

        p.Handle(commit, TestData.Ms(2), _fx);

        Assert.Equal(70, Balance(p, Local[0]));
        Assert.Empty(_fx.Records);
        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
    }

    [Fact]
    public void Decision_Abort_AfterYes_DropsWritesAndReleasesLocks()
    {
        var p = Create();
        var prepare = DebitLocal(amount: 30);
        p.Handle(prepare, TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Abort), TestData.Ms(1), _fx);

        Assert.Equal(100, Balance(p, Local[0]));
        Assert.Equal(0, p.Locks.Count);
        Assert.IsType<AbortedRecord>(Assert.Single(_fx.Records));
        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
    }

    [Fact]
    public void Decision_AbortForUnknownTx_IsAcked_AndALatePrepareTakesNoLock()
    {
        var p = Create();
        var prepare = DebitLocal();

        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Abort), TestData.Ms(0), _fx);
        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
        _fx.Clear();

        p.Handle(prepare, TestData.Ms(1), _fx);

        Assert.Equal(VoteKind.No, SingleVote().Kind);
        Assert.Equal(0, p.Locks.Count);
    }

    [Fact]
    public void Decision_CommitForUnpreparedTx_IsAProtocolViolation()
    {
        var p = Create();

        Assert.Throws<ProtocolViolationException>(() => p.Handle(new Decision(DebitLocal().Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(0), _fx));
    }

    [Fact]
    public void Decision_ContradictingAnAppliedOne_IsAProtocolViolation()
    {
        var p = Create();
        var prepare = DebitLocal();
        p.Handle(prepare, TestData.Ms(0), _fx);
        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(1), _fx);

        Assert.Throws<ProtocolViolationException>(() => p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Abort), TestData.Ms(2), _fx));
        Assert.Equal(70, Balance(p, Local[0]));
    }

    [Fact]
    public void InDoubtTimer_AfterYes_QueriesTheCoordinatorWithGrowingBackoff_AndKeepsTheLocks()
    {
        var p = Create();
        var prepare = DebitLocal();
        p.Handle(prepare, TestData.Ms(0), _fx);
        var timer = Assert.Single(_fx.Timers);
        var previousDelay = timer.DueAt;

        for (var i = 0; i < 4; i++)
        {
            _fx.Clear();
            p.OnTimer(timer, timer.DueAt, _fx);
            Assert.IsType<StatusQuery>(Assert.Single(_fx.Messages).Message);
            var next = Assert.Single(_fx.Timers);
            Assert.True(next.DueAt - timer.DueAt > previousDelay || next.DueAt - timer.DueAt == TestData.Options.InDoubtQuery.Max / 2);
            previousDelay = next.DueAt - timer.DueAt;
            timer = next;
        }

        Assert.Equal(ParticipantPhase.Prepared, p.PhaseOf(prepare.Tx));
        Assert.Equal(1, p.Locks.Count);
    }

    [Fact]
    public void Timer_Stale_IsIgnored()
    {
        var p = Create();
        var prepare = DebitLocal();
        p.Handle(prepare, TestData.Ms(0), _fx);
        var timer = Assert.Single(_fx.Timers);
        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(1), _fx);
        _fx.Clear();

        p.OnTimer(timer, timer.DueAt, _fx);
        p.OnTimer(timer with { DueAt = timer.DueAt + TestData.Ms(1) }, timer.DueAt, _fx);

        Assert.True(_fx.IsEmpty);
    }

    [Fact]
    public void WaitDie_OlderWaitsAndPreparesWhenTheYoungerHolderFinishes()
    {
        var p = Create(LockPolicy.WaitDie);
        var younger = DebitLocal(amount: 10, nonce: 1, priority: 100);
        var older = DebitLocal(amount: 20, nonce: 2, priority: 50);
        p.Handle(younger, TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(older, TestData.Ms(1), _fx);
        Assert.Empty(_fx.Messages);
        Assert.Equal(TimerKind.LockWait, Assert.Single(_fx.Timers).Kind);
        Assert.Equal(ParticipantPhase.WaitingForLocks, p.PhaseOf(older.Tx));
        _fx.Clear();

        p.Handle(new Decision(younger.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(2), _fx);

        var vote = _fx.Messages.Select(m => m.Message).OfType<Vote>().Single();
        Assert.Equal((older.Tx, VoteKind.Yes), (vote.Tx, vote.Kind));
        Assert.Equal(new AccountState(70, 2), _fx.Records.OfType<PreparedRecord>().Single().Writes.Single().State);
    }

    [Fact]
    public void WaitDie_YoungerDiesAtOnce()
    {
        var p = Create(LockPolicy.WaitDie);
        p.Handle(DebitLocal(nonce: 1, priority: 10), TestData.Ms(0), _fx);
        _fx.Clear();

        p.Handle(DebitLocal(nonce: 2, priority: 20), TestData.Ms(1), _fx);

        Assert.Equal(AbortReason.LockConflict, SingleVote().Reason);
    }

    [Fact]
    public void WaitDie_LockWaitTimeout_VotesNoLockTimeout()
    {
        var p = Create(LockPolicy.WaitDie);
        p.Handle(DebitLocal(nonce: 1, priority: 100), TestData.Ms(0), _fx);
        var older = DebitLocal(nonce: 2, priority: 50);
        _fx.Clear();
        p.Handle(older, TestData.Ms(1), _fx);
        var timer = Assert.Single(_fx.Timers);
        _fx.Clear();

        p.OnTimer(timer, timer.DueAt, _fx);

        var vote = SingleVote();
        Assert.Equal((older.Tx, AbortReason.LockTimeout), (vote.Tx, vote.Reason));
        Assert.Null(p.PhaseOf(older.Tx));
        Assert.Equal(1, p.Locks.Count);
    }

    [Fact]
    public void WaitDie_AbortWhileWaiting_LeavesTheQueueAndAcks()
    {
        var p = Create(LockPolicy.WaitDie);
        var younger = DebitLocal(nonce: 1, priority: 100);
        var older = DebitLocal(nonce: 2, priority: 50);
        p.Handle(younger, TestData.Ms(0), _fx);
        p.Handle(older, TestData.Ms(1), _fx);
        _fx.Clear();

        p.Handle(new Decision(older.Tx, CoordinatorShard, DecisionKind.Abort), TestData.Ms(2), _fx);
        p.Handle(new Decision(younger.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(3), _fx);

        Assert.Empty(_fx.Messages.Select(m => m.Message).OfType<Vote>());
        Assert.Equal(0, p.Locks.Count);
        Assert.Equal(0, p.ActiveCount);
    }

    [Fact]
    public void WaitDie_CommitWhileWaiting_IsAProtocolViolation()
    {
        var p = Create(LockPolicy.WaitDie);
        p.Handle(DebitLocal(nonce: 1, priority: 100), TestData.Ms(0), _fx);
        var older = DebitLocal(nonce: 2, priority: 50);
        p.Handle(older, TestData.Ms(1), _fx);

        Assert.Throws<ProtocolViolationException>(() => p.Handle(new Decision(older.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(2), _fx));
    }

    [Fact]
    public void WaitForOlder_YoungerQueues_OlderDiesAtOnce()
    {
        var p = Create(LockPolicy.WaitForOlder);
        p.Handle(DebitLocal(nonce: 1, priority: 50), TestData.Ms(0), _fx);
        _fx.Clear();

        var younger = DebitLocal(nonce: 2, priority: 100);
        p.Handle(younger, TestData.Ms(1), _fx);
        Assert.Empty(_fx.Messages);
        Assert.Equal(ParticipantPhase.WaitingForLocks, p.PhaseOf(younger.Tx));
        Assert.Equal(TimerKind.LockWait, Assert.Single(_fx.Timers).Kind);
        _fx.Clear();

        var older = DebitLocal(nonce: 3, priority: 10);
        p.Handle(older, TestData.Ms(2), _fx);
        var vote = SingleVote();
        Assert.Equal((older.Tx, VoteKind.No, AbortReason.LockConflict), (vote.Tx, vote.Kind, vote.Reason));
    }

    [Fact]
    public void WaitForOlder_GrantsTheQueueInAgeOrder_OneHolderAtATime()
    {
        var p = Create(LockPolicy.WaitForOlder);
        var holder = DebitLocal(amount: 1, nonce: 1, priority: 10);
        p.Handle(holder, TestData.Ms(0), _fx);
        // Queued youngest first: the grant order must come from the ages, not from the arrival order.
        var youngest = DebitLocal(amount: 3, nonce: 2, priority: 40);
        var middle = DebitLocal(amount: 2, nonce: 3, priority: 30);
        p.Handle(youngest, TestData.Ms(1), _fx);
        p.Handle(middle, TestData.Ms(2), _fx);
        _fx.Clear();

        p.Handle(new Decision(holder.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(3), _fx);
        var first = _fx.Messages.Select(m => m.Message).OfType<Vote>().Single();
        Assert.Equal((middle.Tx, VoteKind.Yes), (first.Tx, first.Kind));
        Assert.Equal(ParticipantPhase.WaitingForLocks, p.PhaseOf(youngest.Tx));
        _fx.Clear();

        p.Handle(new Decision(middle.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(4), _fx);
        var second = _fx.Messages.Select(m => m.Message).OfType<Vote>().Single();
        Assert.Equal((youngest.Tx, VoteKind.Yes), (second.Tx, second.Kind));
        Assert.Equal(new AccountState(100 - 1 - 2 - 3, 3), _fx.Records.OfType<PreparedRecord>().Single().Writes.Single().State);
    }

    [Fact]
    public void WaitForOlder_AWaiterThatFailsValidation_PassesTheLockOnAtOnce()
    {
        var p = Create(LockPolicy.WaitForOlder);
        var holder = DebitLocal(amount: 80, nonce: 1, priority: 10);
        var tooLarge = DebitLocal(amount: 50, nonce: 2, priority: 20);
        var fits = DebitLocal(amount: 10, nonce: 3, priority: 30);
        p.Handle(holder, TestData.Ms(0), _fx);
        p.Handle(tooLarge, TestData.Ms(1), _fx);
        p.Handle(fits, TestData.Ms(2), _fx);
        _fx.Clear();

        // 20 left: the older waiter gets the lock, finds too little and lets go; the next one must not wait for its timeout.
        p.Handle(new Decision(holder.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(3), _fx);

        var votes = _fx.Messages.Select(m => m.Message).OfType<Vote>().ToList();
        Assert.Equal(
            [(tooLarge.Tx, VoteKind.No, AbortReason.InsufficientFunds), (fits.Tx, VoteKind.Yes, AbortReason.None)],
            votes.Select(v => (v.Tx, v.Kind, v.Reason)));
        Assert.Equal(new AccountState(10, 2), _fx.Records.OfType<PreparedRecord>().Single().Writes.Single().State);
    }

    [Fact]
    public void WaitForOlder_AWaiterForTwoKeys_IsGrantedWhenTheLastOfThemIsReleased()
    {
        var p = Create(LockPolicy.WaitForOlder);
        var first = DebitLocal(account: 0, amount: 1, nonce: 1, priority: 10);
        var second = DebitLocal(account: 1, amount: 1, nonce: 2, priority: 11);
        var both = PrepareFor(TestData.Transfer(Local[0], Local[1], 5, 3), priority: 30);
        p.Handle(first, TestData.Ms(0), _fx);
        p.Handle(second, TestData.Ms(1), _fx);
        p.Handle(both, TestData.Ms(2), _fx);
        _fx.Clear();

        p.Handle(new Decision(first.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(3), _fx);
        Assert.Empty(_fx.Messages.Select(m => m.Message).OfType<Vote>());
        Assert.Equal(ParticipantPhase.WaitingForLocks, p.PhaseOf(both.Tx));

        p.Handle(new Decision(second.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(4), _fx);
        var vote = _fx.Messages.Select(m => m.Message).OfType<Vote>().Single();
        Assert.Equal((both.Tx, VoteKind.Yes), (vote.Tx, vote.Kind));
    }

    private static long Balance(Participant p, string account) =>
        p.Ledger.TryGet(account, out var state) ? state.Balance : throw new InvalidOperationException("no account");

    [Fact]
    public void PresumedAbort_ForATransactionAlreadyCommittedHere_IsAckedAndIgnored()
    {
        var p = Create();
        var prepare = DebitLocal();
        p.Handle(prepare, TestData.Ms(0), _fx);
        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Commit), TestData.Ms(1), _fx);
        _fx.Clear();

        // A late duplicate status query reached the coordinator after it forgot the finished transaction.
        p.Handle(new Decision(prepare.Tx, CoordinatorShard, DecisionKind.Abort, Presumed: true), TestData.Ms(2), _fx);

        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
        Assert.Equal(DecisionKind.Commit, p.DecidedOf(prepare.Tx)?.Decision);
        Assert.Equal(70, Balance(p, Local[0]));
    }
}
