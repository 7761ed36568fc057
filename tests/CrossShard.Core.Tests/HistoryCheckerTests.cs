using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Invariants;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

/// <summary>The checker must catch each kind of violation, or the tests that rely on it prove nothing.</summary>
public sealed class HistoryCheckerTests
{
    private static readonly string A = TestData.AccountsOn(0, 1)[0];
    private static readonly string B = TestData.AccountsOn(1, 1)[0];
    private static readonly ShardId S0 = new(0);
    private static readonly ShardId S1 = new(1);

    private readonly HistoryChecker _checker = new(TestData.Map);

    private static ProtocolEvent E(Transaction tx, ShardId shard, ProtocolEventKind kind) => new(TimeSpan.Zero, shard, tx.Id, kind);

    [Fact]
    public void ACleanCommit_HasNoViolation()
    {
        var tx = TestData.Transfer(A, B, 1);
        _checker.RecordSubmitted(tx);
        _checker.Observe([E(tx, S0, ProtocolEventKind.PreparedLogged), E(tx, S1, ProtocolEventKind.PreparedLogged), E(tx, S0, ProtocolEventKind.CommitLogged)]);
        _checker.Observe([E(tx, S0, ProtocolEventKind.CommitApplied), E(tx, S1, ProtocolEventKind.CommitApplied)]);
        _checker.RecordOutcome(TransactionOutcome.Committed(tx.Id));

        Assert.Empty(_checker.CheckFinished(expectOutcomeForEverySubmission: true));
    }

    [Fact]
    public void CommitAtOneShard_AbortAtAnother_IsAnAtomicityViolation()
    {
        var tx = TestData.Transfer(A, B, 1);
        _checker.RecordSubmitted(tx);

        _checker.Observe([E(tx, S0, ProtocolEventKind.CommitApplied), E(tx, S1, ProtocolEventKind.AbortApplied)]);

        Assert.Contains(_checker.Violations, v => v.Contains("atomicity", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoTransactionsPreparedOnOneAccount_IsALockIsolationViolation()
    {
        var t1 = TestData.Transfer(A, B, 1, nonce: 1);
        var t2 = TestData.Transfer(A, B, 2, nonce: 2);
        _checker.RecordSubmitted(t1);
        _checker.RecordSubmitted(t2);

        _checker.Observe([E(t1, S0, ProtocolEventKind.PreparedLogged), E(t2, S0, ProtocolEventKind.PreparedLogged)]);

        Assert.Contains(_checker.Violations, v => v.Contains("lock isolation", StringComparison.Ordinal));
    }

    [Fact]
    public void ALockReleasedByCommit_CanBeTakenAgain()
    {
        var t1 = TestData.Transfer(A, B, 1, nonce: 1);
        var t2 = TestData.Transfer(A, B, 2, nonce: 2);
        _checker.RecordSubmitted(t1);
        _checker.RecordSubmitted(t2);

        _checker.Observe([E(t1, S0, ProtocolEventKind.PreparedLogged), E(t1, S0, ProtocolEventKind.CommitApplied), E(t2, S0, ProtocolEventKind.PreparedLogged)]);

        Assert.Empty(_checker.Violations);
    }

    [Fact]
    public void CommitOfAnUnsubmittedTransaction_OrTwice_IsAValidityViolation()
    {
        var ghost = TestData.Transfer(A, B, 1);
        _checker.Observe([E(ghost, S0, ProtocolEventKind.CommitApplied)]);
        var tx = TestData.Transfer(A, B, 2);
        _checker.RecordSubmitted(tx);
        _checker.Observe([E(tx, S0, ProtocolEventKind.CommitApplied), E(tx, S0, ProtocolEventKind.CommitApplied)]);

        Assert.Equal(2, _checker.Violations.Count(v => v.Contains("validity", StringComparison.Ordinal)));
    }

    [Fact]
    public void ClientToldCommitted_ButAShardNeverApplied_AndLocksLeftHeld_AreTerminationViolations()
    {
        var tx = TestData.Transfer(A, B, 1);
        _checker.RecordSubmitted(tx);
        _checker.Observe([E(tx, S1, ProtocolEventKind.PreparedLogged), E(tx, S0, ProtocolEventKind.CommitApplied)]);
        _checker.RecordOutcome(TransactionOutcome.Committed(tx.Id));
        var silent = TestData.Transfer(A, B, 3);
        _checker.RecordSubmitted(silent);

        var violations = _checker.CheckFinished(expectOutcomeForEverySubmission: true);

        Assert.Contains(violations, v => v.Contains("shard-1 did not apply", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("still holds the lock", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("never heard an outcome", StringComparison.Ordinal));
    }

    [Fact]
    public void ARefusedSubmission_ExpectsNoOutcome()
    {
        var tx = TestData.Transfer(A, A, 1);
        _checker.RecordSubmitted(tx);
        _checker.RecordRefused(tx);

        Assert.Empty(_checker.CheckFinished(expectOutcomeForEverySubmission: true));
    }

    [Fact]
    public void PartialCommitOffset_FollowsCommitsAppliedAtSomeShards_AndCrashesThatLoseThem()
    {
        var tx = TestData.Transfer(A, B, 30);
        _checker.RecordSubmitted(tx);

        _checker.Observe([E(tx, S0, ProtocolEventKind.CommitApplied)]);
        Assert.Equal(-30, _checker.PartialCommitOffset);

        _checker.Observe([E(tx, S1, ProtocolEventKind.CommitApplied)]);
        Assert.Equal(0, _checker.PartialCommitOffset);

        // Shard 1 crashes and its store did not keep the commit: the credit is gone until it is applied again.
        _checker.ShardRestarted(S1, new Dictionary<TxId, DecisionKind>(), []);
        Assert.Equal(-30, _checker.PartialCommitOffset);

        _checker.Observe([E(tx, S1, ProtocolEventKind.CommitApplied)]);
        Assert.Equal(0, _checker.PartialCommitOffset);
        Assert.Empty(_checker.Violations);
    }

    [Fact]
    public void AnAbortAppliedAfterCommitWasLogged_IsAnAtomicityViolation_EvenBeforeAnyShardCommits()
    {
        var tx = TestData.Transfer(A, B, 1);
        _checker.RecordSubmitted(tx);

        _checker.Observe([E(tx, S0, ProtocolEventKind.CommitLogged), E(tx, S1, ProtocolEventKind.AbortApplied)]);

        Assert.Contains(_checker.Violations, v => v.Contains("logged COMMIT", StringComparison.Ordinal));
    }

    [Fact]
    public void ALoggedCommitThatAShardNeverApplied_IsFound_EvenWhenNoClientHeardTheOutcome()
    {
        var tx = TestData.Transfer(A, B, 1);
        _checker.RecordSubmitted(tx);
        _checker.Observe([E(tx, S0, ProtocolEventKind.CommitLogged), E(tx, S0, ProtocolEventKind.CommitApplied)]);
        _checker.RecordAbandoned(tx.Id);

        Assert.Contains(_checker.CheckFinished(expectOutcomeForEverySubmission: true), v => v.Contains("shard-1 never applied", StringComparison.Ordinal));
    }

    [Fact]
    public void APrepareOfAnUnsubmittedTransaction_IsAValidityViolation()
    {
        var ghost = TestData.Transfer(A, B, 5);

        _checker.Observe([E(ghost, S0, ProtocolEventKind.PreparedLogged)]);

        Assert.Contains(_checker.Violations, v => v.Contains("no client submitted", StringComparison.Ordinal));
    }
}
