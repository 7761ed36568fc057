using CrossShard.Core.Ids;
using CrossShard.Network.Client;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;
using CrossShard.Node.Manifest;

namespace CrossShard.Network.Tests.Client;

/// <summary>Which node the client submits a transaction to: the debited account's owner, or the last participant in shard order.</summary>
public sealed class CoordinatorChoiceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CoordinatorOf_FollowsTheOption(bool atLastParticipant)
    {
        using var keys = new ClusterKeys(4, "choice");
        var manifest = new ClusterManifest(
            keys.ClusterId,
            ["crossshard/1"],
            allowLegacy: false,
            keys.Keyring.Keys.Select(k => new ManifestShard(k.Key.Value, $"127.0.0.1:{9000 + k.Key.Value}", k.Value)));
        await using var client = new CrossShardClient(manifest, new CrossShardClientOptions { CoordinateAtLastParticipant = atLastParticipant });
        var directions = new HashSet<bool>();
        for (var i = 0; i < 64; i++)
        {
            var (from, to) = (client.ShardMap.ShardOf($"acct-{i}"), client.ShardMap.ShardOf($"acct-{i + 100}"));
            if (from == to)
            {
                continue;
            }

            var expected = atLastParticipant ? new ShardId(Math.Max(from.Value, to.Value)) : from;
            Assert.Equal(expected, client.CoordinatorOf(CrossShardTransaction.Transfer($"acct-{i}", $"acct-{i + 100}", 1, (ulong)i)));
            directions.Add(from.Value > to.Value);
        }

        Assert.Equal(2, directions.Count);
    }
}
