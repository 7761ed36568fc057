using CrossShard.Cli.Cluster;
using CrossShard.Network.Client;
using CrossShard.Network.Hosting;
using CrossShard.Node.Manifest;

namespace CrossShard.Cli.Client;

/// <summary>Opens a <see cref="CrossShardClient"/> on a cluster directory's manifest, and runs a client command with its expected failures turned into one line and exit code 3.</summary>
internal static class ClusterConnection
{
    public static CrossShardClient Open(string directory) =>
        new(ClusterManifest.Load(new ClusterLayout(directory).Manifest));

    public static async Task<int> RunAsync(string directory, TextWriter error, Func<CrossShardClient, Task<int>> action)
    {
        try
        {
            using var client = Open(directory);
            return await action(client).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ManifestException or NodeConfigException or CrossShardClientException or Node.Runtime.NodeBusyException or Core.Transactions.InvalidTransactionException)
        {
            await error.WriteLineAsync($"xshard: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return XshardApp.Failed;
        }
    }
}
