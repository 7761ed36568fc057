using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Liveness;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class FailureDetectorTests
{
    private static readonly ShardId S0 = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly ShardId S2 = new(2);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly EffectBuffer _fx = new();
    private readonly FailureDetector _detector = new(S0, [S0, S1, S2], Interval, missedBeforeDown: 3);

    private TimerRequest Tick(TimerRequest timer)
    {
        _fx.Clear();
        _detector.OnTimer(timer, timer.DueAt, _fx);
        return _fx.Timers.Single(t => t.Kind == TimerKind.Heartbeat);
    }

    [Fact]
    public void Start_SendsAHeartbeatToEveryPeerButItself_AndArmsTheTimer()
    {
        _detector.Start(TimeSpan.Zero, _fx);

        Assert.Equal([S1, S2], _fx.Messages.Select(m => m.To));
        Assert.All(_fx.Messages, m => Assert.IsType<Heartbeat>(m.Message));
        Assert.Equal(Interval, Assert.Single(_fx.Timers).DueAt);
    }

    [Fact]
    public void DuringTheStartGrace_NoPeerIsDown_ButEveryPeerIsUnheard_UntilItsFirstMessage()
    {
        _detector.Start(TimeSpan.Zero, _fx);
        var timer = Tick(_fx.Timers.Single());

        Assert.Empty(_detector.Down);
        Assert.Equal([S1, S2], _detector.Unheard.OrderBy(static s => s.Value));

        _detector.Heard(S1, timer.DueAt, _fx);

        Assert.Equal([S2], _detector.Unheard);
    }

    [Fact]
    public void APeerHeardForTheFirstTimeAfterBeingMarkedDown_IsNeitherDownNorUnheard()
    {
        _detector.Start(TimeSpan.Zero, _fx);
        var timer = _fx.Timers.Single();
        for (var i = 0; i < 4; i++)
        {
            timer = Tick(timer);
        }

        Assert.True(_detector.IsDown(S1));
        Assert.Contains(S1, _detector.Unheard);
        _detector.Heard(S1, timer.DueAt, _fx);

        Assert.False(_detector.IsDown(S1));
        Assert.DoesNotContain(S1, _detector.Unheard);
    }

    [Fact]
    public void APeerSilentForMoreThanTheMissedIntervals_IsMarkedDown_OthersStayUp()
    {
        _detector.Start(TimeSpan.Zero, _fx);
        var timer = _fx.Timers.Single();
        for (var i = 0; i < 4; i++)
        {
            _detector.Heard(S1, timer.DueAt, _fx);
            timer = Tick(timer);
        }

        Assert.True(_detector.IsDown(S2));
        Assert.False(_detector.IsDown(S1));
        Assert.Contains(_fx.Events, e => e.Kind == ProtocolEventKind.ShardDown && e.Shard == S2);
    }

    [Fact]
    public void ADownPeerHeardAgain_IsUp_AndTheCallbackRuns()
    {
        var ups = new List<ShardId>();
        _detector.PeerUp = (peer, _, _) => ups.Add(peer);
        _detector.Start(TimeSpan.Zero, _fx);
        var timer = _fx.Timers.Single();
        for (var i = 0; i < 4; i++)
        {
            timer = Tick(timer);
        }

        Assert.True(_detector.IsDown(S1));
        _detector.Heard(S1, timer.DueAt, _fx);

        Assert.False(_detector.IsDown(S1));
        Assert.Equal([S1], ups);
        Assert.Contains(_fx.Events, e => e.Kind == ProtocolEventKind.ShardUp && e.Shard == S1);
    }

    [Fact]
    public void AStaleTimer_IsIgnored()
    {
        _detector.Start(TimeSpan.Zero, _fx);
        var timer = _fx.Timers.Single();
        _fx.Clear();

        _detector.OnTimer(timer with { DueAt = timer.DueAt + Interval }, TimeSpan.FromSeconds(100), _fx);

        Assert.True(_fx.IsEmpty);
        Assert.Empty(_detector.Down);
    }

    [Fact]
    public void Coordinator_OnShardDown_AbortsUndecidedTransactionsTouchingIt_AndRefusesNewOnes()
    {
        var coordinator = new Coordinator(S0, TestData.Map, TestData.Options, new FixedRandom(0));
        var touching = Transaction.Transfer(1, new AccountId(TestData.AccountsOn(0, 1)[0]), new AccountId(TestData.AccountsOn(2, 1)[0]), 5);
        var elsewhere = Transaction.Transfer(2, new AccountId(TestData.AccountsOn(0, 1)[0]), new AccountId(TestData.AccountsOn(1, 1)[0]), 5);
        coordinator.Submit(touching, TimeSpan.Zero, _fx);
        coordinator.Submit(elsewhere, TimeSpan.Zero, _fx);
        _fx.Clear();

        coordinator.OnShardDown(S2, TimeSpan.FromSeconds(1), _fx);

        var reply = Assert.Single(_fx.Replies).Outcome;
        Assert.Equal((touching.Id, AbortReason.ShardDown, (ShardId?)S2), (reply.Tx, reply.Reason, reply.Shard));
        Assert.Equal(CoordinatorPhase.CollectingVotes, coordinator.PhaseOf(elsewhere.Id));
        var again = Transaction.Transfer(3, new AccountId(TestData.AccountsOn(0, 1)[0]), new AccountId(TestData.AccountsOn(2, 1)[0]), 5);
        Assert.Equal(TransactionError.ShardDown, coordinator.Submit(again, TimeSpan.FromSeconds(2), _fx).Error);
    }
}
