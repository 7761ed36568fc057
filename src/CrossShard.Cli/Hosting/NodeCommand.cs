using System.CommandLine;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Hosting;

/// <summary><c>xshard node --config FILE</c>: runs one shard node as a server until SIGINT or SIGTERM, then stops it in order.</summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<string>("--config") { Description = "the node's config file (written by 'xshard cluster init')", Required = true };
        var command = new ServiceCommand("node", "Run one shard node: gRPC client API and peer links, a health endpoint, RocksDB state; SIGTERM or Ctrl-C stops it gracefully.") { config };
        command.SetAction(async (parse, _) => await RunAsync(parse.GetValue(config)!, output, error).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string configPath, TextWriter output, TextWriter error)
    {
        using var signal = new ShutdownSignal();
        NodeHost host;
        try
        {
            host = await NodeHost.StartAsync(NodeConfig.Load(configPath), cancellationToken: signal.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeHostException or NodeConfigException)
        {
            await error.WriteLineAsync($"xshard: {e.Message}").ConfigureAwait(false);
            return XshardApp.Failed;
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            return XshardApp.Ok;
        }

        await using (host.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, signal.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The shutdown signal: stop in order below.
            }

            await host.StopAsync().ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
        return XshardApp.Ok;
    }
}
