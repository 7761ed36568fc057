using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;

namespace CrossShard.Node.Tests;

public sealed class StatusRetentionTests
{
    [Fact]
    public async Task FinishedStatuses_AreKeptUpToTheRetention_WithOutcomeAndParticipants_ThenForgottenOldestFirst()
    {
        await using var cluster = new EmbeddedCluster(new EmbeddedClusterOptions { Shards = 2, Signatures = false, NodeConfig = new CrossShardConfig { StatusRetention = 2 } });
        var onShard0 = Enumerable.Range(0, 200).Select(i => $"acct-{i}").Where(a => cluster.Map.ShardOf(a).Value == 0).Take(4).ToArray();
        var onShard1 = Enumerable.Range(0, 200).Select(i => $"acct-{i}").First(a => cluster.Map.ShardOf(a).Value == 1);
        foreach (var account in onShard0)
        {
            cluster.OpenAccount(account, 10);
        }

        cluster.OpenAccount(onShard1, 10);
        cluster.Start();
        var node0 = cluster.Nodes[0];

        // Three finished transactions on a node that remembers two: the third is an abort with its reason and culprit.
        var first = CrossShardTransaction.Transfer(onShard0[0], onShard1, 1, 1);
        var second = CrossShardTransaction.Transfer(onShard0[1], onShard1, 1, 2);
        var third = CrossShardTransaction.Transfer(onShard1, onShard0[2], 1000, 3);
        foreach (var transfer in new[] { first, second })
        {
            Assert.True((await node0.InitiateCrossShardTransactionAsync(transfer)).IsCommitted);
            Assert.True((await cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5))).IsQuiet);
        }

        var aborted = await node0.InitiateCrossShardTransactionAsync(third);
        Assert.Equal(AbortReason.InsufficientFunds, aborted.Reason);
        Assert.True((await cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5))).IsQuiet);

        Assert.Equal(TransactionPhase.Unknown, node0.GetTransactionStatus(first.Id).Phase);
        var kept = node0.GetTransactionStatus(second.Id);
        Assert.Equal((TransactionPhase.Committed, true, true), (kept.Phase, kept.IsComplete, kept.Outcome!.IsCommitted));
        Assert.Equal([new ShardId(0), new ShardId(1)], kept.Participants);
        var last = node0.GetTransactionStatus(third.Id);
        Assert.Equal((TransactionPhase.Aborted, true, AbortReason.InsufficientFunds), (last.Phase, last.IsComplete, last.Outcome!.Reason));
        Assert.Equal(third.Id, last.Outcome.Tx);
        Assert.Equal([new ShardId(0), new ShardId(1)], last.Participants);

        // Resubmitting a finished transaction is refused as a duplicate and does not hide how it ended.
        var duplicate = await Assert.ThrowsAsync<InvalidTransactionException>(() => node0.InitiateCrossShardTransactionAsync(second));
        Assert.Equal(TransactionError.DuplicateTransaction, duplicate.Error);
        Assert.Equal((TransactionPhase.Committed, true), (node0.GetTransactionStatus(second.Id).Phase, node0.GetTransactionStatus(second.Id).IsComplete));
    }
}
