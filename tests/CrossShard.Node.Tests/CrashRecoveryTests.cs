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
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public async Task EveryTransferToldCommittedBeforeACrash_IsCommittedAfterIt_AndTheRestAreNot(int seed, bool rocksDb)
    {
        const int shards = 3;
        // 36 accounts for 16 concurrent transfers: enough conflicts to matter, not so many that no-wait locking
        // livelocks (every transfer aborting on locks the aborting ones still hold until their ABORT arrives).
        const int accounts = 36;
        var directory = Path.Combine(Path.GetTempPath(), $"xshard-crash-{Guid.NewGuid():N}");
        var memory = Enumerable.Range(0, shards).Select(_ => new InMemoryShardStore()).ToArray();
        Func<ShardId, IShardStore> open = s => rocksDb ? new RocksDbShardStore(Path.Combine(directory, $"shard-{s.Value}")) : memory[s.Value];
        var clusterId = $"crash-{seed}";
        var before = new EmbeddedCluster(new EmbeddedClusterOptions { Shards = shards, ClusterId = clusterId, NodeConfig = Fast, StoreFactory = open });
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
        // In memory the unsynced writes are lost; RocksDB stands for a process crash (its files are reopened as they are).
        var images = memory.Select(s => s.SimulateCrash()).ToArray();
        await before.StopAsync();

        var after = new EmbeddedCluster(new EmbeddedClusterOptions
        {
            Shards = shards,
            ClusterId = clusterId,
            NodeConfig = Fast,
            StoreFactory = s => rocksDb ? open(s) : images[s.Value],
        });
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
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
