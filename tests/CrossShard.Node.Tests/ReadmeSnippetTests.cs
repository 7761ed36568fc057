using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Transport;

namespace CrossShard.Node.Tests;

public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task LibraryApiSnippet_RunsAndCommits()
    {
        // snippet: library-api
        var network = new InMemoryShardNetwork();
        var shard0 = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 0, ConnectedShards = [1] }, network);
        var shard1 = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 1, ConnectedShards = [0] }, network);

        // Genesis: each account is opened on the shard that owns it (SHA3-256 of its id, mod the shard count).
        var alice = FirstAccountOn(shard0.ShardMap, shard: 0);
        var bob = FirstAccountOn(shard0.ShardMap, shard: 1);
        shard0.OpenAccount(alice, 100);
        shard1.OpenAccount(bob, 0);
        shard0.Start();
        shard1.Start();

        // The richer form: a balanced list of debits and credits, made unique by a nonce.
        var transfer = CrossShardTransaction.Transfer(alice, bob, 40, nonce: 1);
        var outcome = await shard0.InitiateCrossShardTransactionAsync(transfer);
        Console.WriteLine(outcome);                                    // "<id> committed"

        // The original (txHash, fromShard, toShard) shape: records the hash on both shards, atomically and once.
        var legacy = new CrossShardTransaction("0xfeed", fromShard: 0, toShard: 1);
        var again = await shard0.InitiateCrossShardTransactionAsync(legacy);
        var status = shard0.GetTransactionStatus(legacy.Id);           // phase Committing or Committed, IsComplete once acked
        // end snippet

        Assert.True(outcome.IsCommitted);
        Assert.True(again.IsCommitted);
        Assert.Contains(status.Phase, new[] { TransactionPhase.Committing, TransactionPhase.Committed });
        // The participant applies the commit when the decision reaches it: wait for every acknowledgement.
        for (var i = 0; i < 500 && !shard0.GetTransactionStatus(legacy.Id).IsComplete; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(shard0.GetTransactionStatus(legacy.Id).IsComplete);
        Assert.Equal(60, await shard0.GetBalanceAsync(alice));
        Assert.Equal(40, await shard1.GetBalanceAsync(bob));

        // end snippet-tail
        await shard0.StopAsync();
        await shard1.StopAsync();
    }

    [Fact]
    public void Readme_ShowsExactlyTheCompiledSnippet()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var start = Array.IndexOf(readme, "<!-- snippet: library-api -->");
        var end = Array.IndexOf(readme, "<!-- end snippet -->");
        Assert.True(start >= 0 && end > start, "README lacks the library-api snippet markers");
        var shown = readme[(start + 2)..(end - 1)].Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        var source = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "CrossShard.Node.Tests", "ReadmeSnippetTests.cs"));
        var from = Array.FindIndex(source, l => l.Trim() == "// snippet: library-api");
        var to = Array.FindIndex(source, l => l.Trim() == "// end snippet");
        var tailFrom = Array.FindIndex(source, l => l.Trim() == "// end snippet-tail");
        var compiled = source[(from + 1)..to].Concat(source[(tailFrom + 1)..(tailFrom + 3)])
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        Assert.Equal(compiled, shown);
    }

    private static string FirstAccountOn(ShardMap map, int shard) =>
        Enumerable.Range(0, 1000).Select(i => $"user-{i}").First(a => map.ShardOf(a).Value == shard);
}
