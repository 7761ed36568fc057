using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;
using CrossShard.Storage;

namespace CrossShard.Node.Tests;

/// <summary>Whole-cluster crashes: every node loses what it had not synced, restarts from its store, and finishes what was in flight.</summary>
public sealed class CrashRecoveryTests
{
    private static readonly CrossShardConfig Fast = new()
    {
        BaseRetryBackoff = TimeSpan.FromMilliseconds(20),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(200),
        TimerResolution = TimeSpan.FromMilliseconds(5),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EveryTransferToldCommittedBeforeACrash_IsCommittedAfterIt_AndTheRestAreNot(int seed)
    {
        const int shards = 3;
        const int accounts = 12;
        var stores = Enumerable.Range(0, shards).Select(_ => new InMemoryShardStore()).ToArray();
        var clusterId = $"crash-{seed}";
        var before = new EmbeddedCluster(new EmbeddedClusterOptions { Shards = shards, ClusterId = clusterId, NodeConfig = Fast, StoreFactory = s => stores[s.Value] });
        var names = Enumerable.Range(0, accounts).Select(i => $"acct-{i}").ToArray();
        foreach (var name in names)
        {
            before.OpenAccount(name, 100);
        }

        await before.StartAsync();
        var random = new Random(seed);
        var transfers = Enumerable.Range(0, 200).Select(i =>
        {
            var from = random.Next(accounts);
            var to = (from + 1 + random.Next(accounts - 1)) % accounts;
            return CrossShardTransaction.Transfer(names[from], names[to], 1 + random.Next(60), (ulong)i);
        }).ToArray();
        var outcomes = new ConcurrentBag<(CrossShardTransaction Transfer, TransactionOutcome Outcome)>();
        await Parallel.ForEachAsync(transfers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (t, _) =>
            outcomes.Add((t, await before.SubmitAsync(t))));

        // Crash right after the last client heard its outcome: decisions and acknowledgements are still in flight.
        var images = stores.Select(s => s.SimulateCrash()).ToArray();
        await before.StopAsync();

        var after = new EmbeddedCluster(new EmbeddedClusterOptions { Shards = shards, ClusterId = clusterId, NodeConfig = Fast, StoreFactory = s => images[s.Value] });
        await after.StartAsync();
        try
        {
            Assert.True(after.Resumed);
            Assert.True((await after.WaitUntilQuietAsync(TimeSpan.FromSeconds(20))).IsQuiet);

            var expected = names.ToDictionary(n => n, _ => 100L);
            foreach (var (transfer, outcome) in outcomes.Where(o => o.Outcome.IsCommitted))
            {
                var debit = transfer.Operations.Single(o => o.Kind == OperationKind.Debit);
                var credit = transfer.Operations.Single(o => o.Kind == OperationKind.Credit);
                expected[debit.Key] -= debit.Amount;
                expected[credit.Key] += credit.Amount;
            }

            foreach (var name in names)
            {
                var node = after.Nodes[after.Map.ShardOf(name).Value];
                Assert.Equal(expected[name], await node.GetBalanceAsync(name));
            }

            Assert.Contains(outcomes, o => o.Outcome.IsCommitted);
        }
        finally
        {
            await after.StopAsync();
        }
    }
}
