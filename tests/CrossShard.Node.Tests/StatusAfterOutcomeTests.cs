using System.Collections.Concurrent;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Node.Api;
using CrossShard.Node.Runtime;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

public sealed class StatusAfterOutcomeTests
{
    // A caller told the outcome may ask for the status at once, on another thread: the status tracker (an observer
    // of the node's events) must already know the decision. It does exactly when a batch's events are published
    // before its clients are answered, which this checks without depending on thread timing: on the loop thread,
    // when an observer sees a decision, its caller still counts as unanswered (InFlight is 1, one caller at a time).
    // Answering first let a caller read Preparing right after "committed" (a loop of the README snippet did, about
    // once in 600 runs); the status reads right after each await below catch that only by chance.
    [Fact]
    public async Task DecisionEvents_ArePublishedBeforeTheCallerIsAnswered_SoItsStatusShowsTheDecision()
    {
        var observer = new AnswerOrderObserver(new ShardId(0));
        var network = new InMemoryShardNetwork();
        var shard0 = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 0, ConnectedShards = [1] }, network, observer: observer);
        observer.Manager = shard0;
        var shard1 = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 1, ConnectedShards = [0] }, network);
        var (alice, carol) = (AccountOn(shard0.ShardMap, 0, 0), AccountOn(shard0.ShardMap, 0, 1));
        var (bob, dave) = (AccountOn(shard0.ShardMap, 1, 0), AccountOn(shard0.ShardMap, 1, 1));
        shard0.OpenAccount(alice, 100);
        shard0.OpenAccount(carol, 5);
        shard1.OpenAccount(bob, 0);
        shard1.OpenAccount(dave, 0);
        shard0.Start();
        shard1.Start();
        try
        {
            var commit = CrossShardTransaction.Transfer(alice, bob, 40, nonce: 1);
            var committed = await shard0.InitiateCrossShardTransactionAsync(commit);
            var afterCommit = shard0.GetTransactionStatus(commit.Id);

            // Other accounts: no lock left by the commit can turn the abort's reason into a conflict.
            var abort = CrossShardTransaction.Transfer(carol, dave, 1000, nonce: 2);
            var aborted = await shard0.InitiateCrossShardTransactionAsync(abort);
            var afterAbort = shard0.GetTransactionStatus(abort.Id);

            Assert.True(committed.IsCommitted);
            Assert.Equal(AbortReason.InsufficientFunds, aborted.Reason);
            Assert.Equal(
                [(commit.Id, ProtocolEventKind.CommitLogged, 1), (abort.Id, ProtocolEventKind.AbortDecided, 1)],
                observer.Seen.ToArray());
            Assert.Contains(afterCommit.Phase, new[] { TransactionPhase.Committing, TransactionPhase.Committed });
            Assert.True(afterCommit.Outcome!.IsCommitted);
            Assert.Contains(afterAbort.Phase, new[] { TransactionPhase.Aborting, TransactionPhase.Aborted });
            Assert.Equal(AbortReason.InsufficientFunds, afterAbort.Outcome!.Reason);
        }
        finally
        {
            await shard0.StopAsync();
            await shard1.StopAsync();
        }
    }

    private static string AccountOn(Core.Transactions.ShardMap map, int shard, int index) =>
        Enumerable.Range(0, 1000).Select(i => $"user-{i}").Where(a => map.ShardOf(a).Value == shard).ElementAt(index);

    // Records, for each decision of its shard, how many of the node's callers were still unanswered when it arrived.
    private sealed class AnswerOrderObserver(ShardId self) : IProtocolObserver
    {
        public EnhancedCrossShardManager? Manager { get; set; }

        public ConcurrentQueue<(TxId Tx, ProtocolEventKind Kind, int Unanswered)> Seen { get; } = new();

        public void OnEvents(IReadOnlyList<ProtocolEvent> events)
        {
            foreach (var e in events)
            {
                if (e.Shard == self && e.Kind is ProtocolEventKind.CommitLogged or ProtocolEventKind.AbortDecided)
                {
                    Seen.Enqueue((e.Tx, e.Kind, Manager!.InFlight));
                }
            }
        }
    }
}
