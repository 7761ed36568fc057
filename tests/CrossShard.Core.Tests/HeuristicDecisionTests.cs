using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Participation;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class HeuristicDecisionTests
{
    private static readonly ShardId S0 = new(0);
    private static readonly ShardId S1 = new(1);
    private static readonly string Local = TestData.AccountsOn(0, 1)[0];
    private static readonly Transaction Tx = Transaction.Transfer(1, new AccountId(Local), new AccountId(TestData.AccountsOn(1, 1)[0]), 30);
    private static readonly Prepare Prepare = new(Tx.Id, S1, Tx, [S0, S1], 1);

    private readonly EffectBuffer _fx = new();
    private readonly Participant _p = new(S0, TestData.Map, TestData.LedgerWith(0, 100), TestData.Options, new FixedRandom(0));

    private long Balance => _p.Ledger.TryGet(Local, out var s) ? s.Balance : -1;

    [Theory]
    [InlineData(DecisionKind.Commit, 70)]
    [InlineData(DecisionKind.Abort, 100)]
    public void InDoubt_ResolvedByHand_AppliesTheDecision_ReleasesLocks_LogsAForcedRecord(DecisionKind decision, long balance)
    {
        _p.Handle(Prepare, TimeSpan.Zero, _fx);
        _fx.Clear();

        Assert.True(_p.ResolveHeuristically(Tx.Id, decision, TimeSpan.FromSeconds(1), _fx));

        var record = Assert.IsType<HeuristicDecisionRecord>(Assert.Single(_fx.Records));
        Assert.True(record.IsForced);
        Assert.Equal(decision, record.Decision);
        Assert.Equal(balance, Balance);
        Assert.Equal(0, _p.Locks.Count);
        Assert.Contains(_fx.Events, e => e.Kind == ProtocolEventKind.HeuristicDecided);
        Assert.Contains(_fx.Events, e => e.Kind == (decision == DecisionKind.Commit ? ProtocolEventKind.CommitApplied : ProtocolEventKind.AbortApplied));
    }

    [Fact]
    public void NotInDoubt_IsRefused_AndNothingChanges()
    {
        Assert.False(_p.ResolveHeuristically(Tx.Id, DecisionKind.Commit, TimeSpan.Zero, _fx));
        _p.Handle(Prepare, TimeSpan.Zero, _fx);
        _p.Handle(new Decision(Tx.Id, S1, DecisionKind.Abort), TimeSpan.Zero, _fx);
        _fx.Clear();

        Assert.False(_p.ResolveHeuristically(Tx.Id, DecisionKind.Commit, TimeSpan.Zero, _fx));
        Assert.True(_fx.IsEmpty);
        Assert.Equal(100, Balance);
    }

    [Theory]
    [InlineData(DecisionKind.Commit, DecisionKind.Commit, ProtocolEventKind.HeuristicConfirmed)]
    [InlineData(DecisionKind.Abort, DecisionKind.Abort, ProtocolEventKind.HeuristicConfirmed)]
    [InlineData(DecisionKind.Commit, DecisionKind.Abort, ProtocolEventKind.HeuristicMixed)]
    [InlineData(DecisionKind.Abort, DecisionKind.Commit, ProtocolEventKind.HeuristicMixed)]
    public void TheRealDecisionLater_IsConfirmedOrRaisesTheAlarm_AndIsAcked(DecisionKind heuristic, DecisionKind real, ProtocolEventKind expected)
    {
        _p.Handle(Prepare, TimeSpan.Zero, _fx);
        _p.ResolveHeuristically(Tx.Id, heuristic, TimeSpan.Zero, _fx);
        _fx.Clear();

        _p.Handle(new Decision(Tx.Id, S1, real), TimeSpan.FromSeconds(2), _fx);

        Assert.Equal(expected, Assert.Single(_fx.Events).Kind);
        Assert.IsType<Ack>(Assert.Single(_fx.Messages).Message);
    }
}
