using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Participation;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class CooperativeTerminationTests
{
    private static readonly ShardId S0 = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly ShardId S2 = new(2);

    private readonly EffectBuffer _fx = new();

    // A transaction over shards 0 and 1, coordinated by shard 2.
    private static readonly Transaction Tx = Transaction.Transfer(1, new AccountId(TestData.AccountsOn(0, 1)[0]), new AccountId(TestData.AccountsOn(1, 1)[0]), 10);
    private static readonly Prepare Prepare = new(Tx.Id, S2, Tx, [S0, S1], 1);

    private static Participant Create(int shard) => new(new ShardId(shard), TestData.Map, TestData.LedgerWith(shard, 100), TestData.Options, new FixedRandom(0));

    [Fact]
    public void InDoubt_AfterUnansweredQueries_AsksTheOtherParticipantsToo()
    {
        var p0 = Create(0);
        p0.Handle(Prepare, TimeSpan.Zero, _fx);
        var timer = _fx.Timers.Single(t => t.Kind == TimerKind.InDoubtQuery);
        var peerQueries = 0;

        for (var i = 0; i < Participant.CooperativeAfterQueries + 1; i++)
        {
            _fx.Clear();
            p0.OnTimer(timer, timer.DueAt, _fx);
            Assert.Contains(_fx.Messages, m => m.To == S2 && m.Message is StatusQuery);
            peerQueries = _fx.Messages.Count(m => m.To == S1 && m.Message is PeerStatusQuery);
            timer = _fx.Timers.Single();
        }

        Assert.Equal(1, peerQueries);
    }

    [Fact]
    public void APeerThatCommitted_AnswersCommit_AndTheAskerCommits()
    {
        var p0 = Create(0);
        var p1 = Create(1);
        p0.Handle(Prepare, TimeSpan.Zero, _fx);
        p1.Handle(Prepare, TimeSpan.Zero, _fx);
        p1.Handle(new Decision(Tx.Id, S2, DecisionKind.Commit), TimeSpan.Zero, _fx);
        _fx.Clear();

        p1.Handle(new PeerStatusQuery(Tx.Id, S0), TimeSpan.Zero, _fx);
        var answer = Assert.IsType<PeerDecision>(Assert.Single(_fx.Messages).Message);
        p0.Handle(answer, TimeSpan.Zero, _fx);

        Assert.Equal(DecisionKind.Commit, answer.Kind);
        Assert.Equal(DecisionKind.Commit, p0.DecidedOf(Tx.Id)?.Decision);
        Assert.Equal(0, p0.Locks.Count);
    }

    [Fact]
    public void APeerThatNeverSawThePrepare_AbortsAndAnswersAbort_AndALatePrepareGetsNo()
    {
        var p1 = Create(1);

        p1.Handle(new PeerStatusQuery(Tx.Id, S0), TimeSpan.Zero, _fx);
        Assert.Equal(DecisionKind.Abort, Assert.IsType<PeerDecision>(Assert.Single(_fx.Messages).Message).Kind);
        // The promise is forced to the log before the answer leaves: a crash must not let this shard vote YES later.
        Assert.True(Assert.IsType<AbortedRecord>(Assert.Single(_fx.Records)).IsForced);
        _fx.Clear();

        p1.Handle(Prepare, TimeSpan.Zero, _fx);
        Assert.Equal(VoteKind.No, Assert.IsType<Vote>(Assert.Single(_fx.Messages).Message).Kind);
        Assert.Equal(0, p1.Locks.Count);
    }

    [Fact]
    public void APeerInDoubtItself_StaysSilent()
    {
        var p1 = Create(1);
        p1.Handle(Prepare, TimeSpan.Zero, _fx);
        _fx.Clear();

        p1.Handle(new PeerStatusQuery(Tx.Id, S0), TimeSpan.Zero, _fx);

        Assert.Empty(_fx.Messages);
        Assert.Equal(ParticipantPhase.Prepared, p1.PhaseOf(Tx.Id));
    }

    [Fact]
    public void AHeuristicDecision_IsNeverGivenToAPeer()
    {
        var p1 = Create(1);
        p1.Handle(Prepare, TimeSpan.Zero, _fx);
        p1.ResolveHeuristically(Tx.Id, DecisionKind.Commit, TimeSpan.Zero, _fx);
        _fx.Clear();

        p1.Handle(new PeerStatusQuery(Tx.Id, S0), TimeSpan.Zero, _fx);

        Assert.Empty(_fx.Messages);
    }

    [Fact]
    public void APeerAnswer_FromANonParticipant_OrForATransactionNotInDoubt_IsIgnored()
    {
        var p0 = Create(0);
        p0.Handle(Prepare, TimeSpan.Zero, _fx);
        _fx.Clear();

        p0.Handle(new PeerDecision(Tx.Id, S2, DecisionKind.Abort), TimeSpan.Zero, _fx);

        Assert.Equal(ParticipantPhase.Prepared, p0.PhaseOf(Tx.Id));
        Assert.True(_fx.IsEmpty);
    }

    [Fact]
    public void ASecondCoordinatorForTheSameId_GetsNo_AndItsDecisionIsAckedButNotApplied()
    {
        var p0 = Create(0);
        p0.Handle(Prepare, TimeSpan.Zero, _fx);
        _fx.Clear();
        var viaShard1 = Prepare with { From = S1 };

        p0.Handle(viaShard1, TimeSpan.Zero, _fx);
        var vote = Assert.IsType<Vote>(Assert.Single(_fx.Messages).Message);
        Assert.Equal((VoteKind.No, S1), (vote.Kind, Assert.Single(_fx.Messages).To));
        _fx.Clear();

        p0.Handle(new Decision(Tx.Id, S1, DecisionKind.Abort), TimeSpan.Zero, _fx);

        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
        Assert.Equal(ParticipantPhase.Prepared, p0.PhaseOf(Tx.Id));
        Assert.Equal(1, p0.Locks.Count);
    }
}
