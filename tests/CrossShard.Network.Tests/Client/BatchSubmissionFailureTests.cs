using System.Net;
using System.Net.Sockets;
using CrossShard.Core.Ids;
using CrossShard.Network.Client;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;
using CrossShard.Node.Manifest;

namespace CrossShard.Network.Tests.Client;

/// <summary>Batched submissions to nodes that cannot be reached: every item gets the typed error a single submission would.</summary>
public sealed class BatchSubmissionFailureTests
{
    [Fact]
    public async Task SubmitBatch_ToUnreachableNodes_GivesEveryItemClusterUnavailable_InOrder()
    {
        using var keys = new ClusterKeys(2, "batch-down");
        await using var client = new CrossShardClient(ManifestOnClosedPorts(keys), new CrossShardClientOptions { CallTimeout = TimeSpan.FromSeconds(5) });
        var transactions = Enumerable.Range(0, 6).Select(i => CrossShardTransaction.Transfer($"acct-{i}", $"acct-{i + 10}", 5, (ulong)i)).ToList();

        var results = await client.SubmitBatchAsync(transactions);

        Assert.Equal(transactions.Select(static t => t.Id), results.Select(static r => r.Tx));
        Assert.All(results, static r => Assert.Null(r.Outcome));
        foreach (var (transaction, result) in transactions.Zip(results))
        {
            var unavailable = Assert.IsType<ClusterUnavailableException>(result.Error);
            Assert.Equal(client.CoordinatorOf(transaction), unavailable.Shard);
            Assert.Throws<ClusterUnavailableException>(() => result.GetOutcome());
        }
    }

    [Fact]
    public async Task CoalescingSubmitter_ToAnUnreachableNode_FailsEachCallerWithClusterUnavailable()
    {
        using var keys = new ClusterKeys(1, "coalesce-down");
        await using var client = new CrossShardClient(ManifestOnClosedPorts(keys), new CrossShardClientOptions { CallTimeout = TimeSpan.FromSeconds(5) });
        var submitter = new CoalescingSubmitter(client, maxBatch: 4, callsPerNode: 1);

        var calls = Enumerable.Range(0, 10).Select(i => submitter.SubmitAsync(CrossShardTransaction.Transfer($"acct-{i}", $"acct-{i + 10}", 5, (ulong)i))).ToList();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<ClusterUnavailableException>(() => call);
        }

        Assert.Equal(10, submitter.Sent);
        Assert.InRange(submitter.Calls, 3, 10);
    }

    private static ClusterManifest ManifestOnClosedPorts(ClusterKeys keys) =>
        new(
            keys.ClusterId,
            ["crossshard/1"],
            allowLegacy: false,
            keys.Keyring.Keys.Select(k => new ManifestShard(k.Key.Value, $"127.0.0.1:{ClosedPort()}", k.Value)));

    private static int ClosedPort()
    {
        // A port the OS just handed out and that nobody listens on any more.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
