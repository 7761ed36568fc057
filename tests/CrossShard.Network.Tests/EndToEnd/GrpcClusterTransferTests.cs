using CrossShard.Core.Ids;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;
using CrossShard.Network.Peers;
using CrossShard.Network.Tests.Peers;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;
using CrossShard.Node.Manifest;
using CrossShard.Transport;
using CrossShard.Transport.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrossShard.Network.Tests.EndToEnd;

/// <summary>Three full nodes (signed envelopes, two-phase commit) whose only link is gRPC on 127.0.0.1.</summary>
public sealed class GrpcClusterTransferTests
{
    private const int Shards = 3;
    private const int AccountsPerShard = 150;
    private const int Transfers = 200;
    private const long InitialBalance = 1_000;

    [Fact]
    public Task ConcurrentCrossShardTransfers_AllCommit_BalancesMatch_TotalsConserved() => RunAsync(faults: false);

    /// <summary>
    /// The same over links that lose 10% of envelopes, delay the rest by 1-5 ms, and cut shard 2 off for a while:
    /// some transfers may abort, but every one is decided, each is all-or-nothing and nothing is created or lost.
    /// </summary>
    [Fact]
    public Task OverLossyDelayedPartitionedLinks_EveryTransferIsDecidedAtomically_TotalsConserved() => RunAsync(faults: true);

    private static async Task RunAsync(bool faults)
    {
        var clusterName = faults ? "grpc-e2e-faults" : "grpc-e2e";
        using var keys = new ClusterKeys(Shards, clusterName);
        var networks = new GrpcPeerNetwork?[Shards];
        var hosts = new PeerTestHost[Shards];
        var nodes = new EnhancedCrossShardManager[Shards];
        var secure = new SecureNodeNetwork[Shards];
        var faulty = new FaultInjectingEnvelopeNetwork?[Shards];
        try
        {
            for (var i = 0; i < Shards; i++)
            {
                var shard = i;
                hosts[i] = await PeerTestHost.StartAsync(() => networks[shard]!.Service, PeerNetworkOptions.Default);
            }

            var manifest = new ClusterManifest(
                clusterName,
                ["crossshard/1"],
                allowLegacy: false,
                Enumerable.Range(0, Shards).Select(i => new ManifestShard(i, hosts[i].Endpoint, keys.Keyring.Keys[new ShardId(i)])));
            var epoch = (ulong)TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            for (var i = 0; i < Shards; i++)
            {
                var self = new ShardId(i);
                networks[i] = new GrpcPeerNetwork(self, manifest, keys.IdentityOf(self), PeerTestCluster.FastOptions, NullLoggerFactory.Instance, TimeProvider.System, new SeededRandom(i));
                IEnvelopeNetwork wire = networks[i]!;
                if (faults)
                {
                    var options = new FaultInjectionOptions { LossProbability = 0.1, ExtraDelay = TimeSpan.FromMilliseconds(1), DelayJitter = TimeSpan.FromMilliseconds(4), Seed = 7 + i };
                    wire = faulty[i] = new FaultInjectingEnvelopeNetwork(networks[i]!, options, new SeededRandom(options.Seed), TimeProvider.System);
                }

                secure[i] = new SecureNodeNetwork(self, clusterName, keys.IdentityOf(self), keys.Keyring, wire, epoch, NullLogger.Instance, TimeProvider.System);
                var config = new CrossShardConfig
                {
                    ClusterId = clusterName,
                    LocalShard = i,
                    ConnectedShards = [.. Enumerable.Range(0, Shards).Where(s => s != i)],
                    TransactionTimeout = TimeSpan.FromSeconds(faults ? 2 : 10),
                    BaseRetryBackoff = TimeSpan.FromMilliseconds(faults ? 20 : 100),
                };
                nodes[i] = new EnhancedCrossShardManager(config, secure[i], random: new SeededRandom(100 + i), identity: keys.IdentityOf(self));
            }

            var map = new ShardMap(Shards);
            var accounts = OpenAccounts(nodes, map);
            foreach (var node in nodes)
            {
                await node.StartAsync(TestContext.Current.CancellationToken);
            }

            await Eventually.TrueAsync(
                () => networks.All(n => Enumerable.Range(0, Shards).All(p => p == n!.Self.Value || n.IsConnected(new ShardId(p)))),
                () => "every node has a session with every peer");
            var before = await TotalAsync(nodes);

            // Each transfer gets two accounts of its own on two different shards: no lock conflicts, so every one must
            // commit, and every transfer crosses the gRPC links.
            var random = new Random(2024);
            var unused = accounts.Select(a => new Queue<string>(a)).ToArray();
            var transfers = Enumerable.Range(0, Transfers).Select(i =>
            {
                var fromShard = i % Shards;
                var toShard = (fromShard + 1 + random.Next(Shards - 1)) % Shards;
                var (from, to) = (unused[fromShard].Dequeue(), unused[toShard].Dequeue());
                var amount = 1 + random.Next(50);
                return (From: from, To: to, Amount: amount, Tx: CrossShardTransaction.Transfer(from, to, amount, (ulong)i));
            }).ToArray();
            var submissions = transfers.Select(t => nodes[map.ShardOf(t.From).Value].InitiateCrossShardTransactionAsync(t.Tx, TestContext.Current.CancellationToken)).ToArray();
            if (faults)
            {
                // Shard 2 is cut off in both directions while the transfers run, then healed.
                foreach (var f in faulty)
                {
                    f!.Partition(new ShardId(2));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);
                foreach (var f in faulty)
                {
                    f!.Heal(new ShardId(2));
                }
            }

            var outcomes = await Task.WhenAll(submissions);

            if (faults)
            {
                Assert.Contains(outcomes, o => o.IsCommitted);
                Assert.True(faulty.Sum(f => f!.Dropped + f.PartitionDrops) > 0, "the faults must have dropped something");
            }
            else
            {
                Assert.All(outcomes, o => Assert.True(o.IsCommitted, o.ToString()));
            }

            await Eventually.TrueAsync(() => IsQuietAsync(nodes), () => "every decision applied and acknowledged, no lock held", TimeSpan.FromSeconds(faults ? 60 : 20));
            Assert.Equal(before, await TotalAsync(nodes));

            // Every account holds exactly its opening balance plus the committed transfers that touch it.
            var expected = accounts.SelectMany(a => a).ToDictionary(a => a, _ => InitialBalance);
            foreach (var (t, o) in transfers.Zip(outcomes))
            {
                if (o.IsCommitted)
                {
                    expected[t.From] -= t.Amount;
                    expected[t.To] += t.Amount;
                }
            }

            foreach (var (account, balance) in expected)
            {
                Assert.Equal(balance, await nodes[map.ShardOf(account).Value].GetBalanceAsync(account));
            }

            for (var i = 0; i < Shards; i++)
            {
                // Lost envelopes leave gaps in the sequence numbers, never rejections.
                Assert.Empty(secure[i].Rejections.Totals);
                Assert.True(networks[i]!.Statistics.EnvelopesReceived > 0);
                Assert.Equal(0, networks[i]!.Statistics.HandshakeFailuresTotal);
                Assert.True(networks[i]!.Statistics.FramesSent < networks[i]!.Statistics.EnvelopesSent + 1);
            }
        }
        finally
        {
            foreach (var node in nodes.Where(n => n is not null))
            {
                await node.StopAsync();
            }

            foreach (var network in networks.Where(n => n is not null))
            {
                await network!.DisposeAsync();
            }

            foreach (var host in hosts.Where(h => h is not null))
            {
                await host.DisposeAsync();
            }

            foreach (var s in secure.Where(s => s is not null))
            {
                s.Dispose();
            }
        }
    }

    private static string[][] OpenAccounts(EnhancedCrossShardManager[] nodes, ShardMap map)
    {
        var accounts = new List<string>[Shards];
        for (var i = 0; i < Shards; i++)
        {
            accounts[i] = [];
        }

        for (var n = 0; accounts.Any(a => a.Count < AccountsPerShard); n++)
        {
            var account = $"acct-{n}";
            var shard = map.ShardOf(account).Value;
            if (accounts[shard].Count < AccountsPerShard)
            {
                accounts[shard].Add(account);
                nodes[shard].OpenAccount(account, InitialBalance);
            }
        }

        return [.. accounts.Select(a => a.ToArray())];
    }

    private static async Task<long> TotalAsync(EnhancedCrossShardManager[] nodes)
    {
        long total = 0;
        foreach (var node in nodes)
        {
            total += await node.GetShardTotalAsync();
        }

        return total;
    }

    private static async Task<bool> IsQuietAsync(EnhancedCrossShardManager[] nodes)
    {
        foreach (var node in nodes)
        {
            var (c, p, l) = await node.Node.InspectAsync(static s => (s.Coordinator.ActiveCount, s.Participant.ActiveCount, s.Participant.Locks.Count));
            if (c + p + l > 0)
            {
                return false;
            }
        }

        return true;
    }
}
