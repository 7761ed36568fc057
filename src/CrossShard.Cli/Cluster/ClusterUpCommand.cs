using System.CommandLine;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Cluster;

/// <summary>
/// <c>xshard cluster up</c>: starts one <c>xshard node</c> child per node config of a cluster directory, waits until
/// every health endpoint reports serving with every peer heard from and none down, and stops them all gracefully on
/// Ctrl-C / SIGTERM or as soon as one dies.
/// </summary>
internal static class ClusterUpCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Option<string>("--dir") { Description = "the cluster directory written by 'xshard cluster init'", Required = true };
        var readyTimeout = IntOptions.Ranged("--ready-timeout", "seconds to wait for every node to serve", 60, 1, 3600);
        var stopTimeout = IntOptions.Ranged("--stop-timeout", "seconds a node gets to stop after SIGTERM before it is killed", 20, 1, 3600);
        var command = new ServiceCommand("up", "Start every node of a cluster directory as a child process; Ctrl-C stops them all gracefully.")
        {
            dir, readyTimeout, stopTimeout,
        };
        command.SetAction(async (parse, _) => await RunAsync(
            new ClusterLayout(parse.GetValue(dir)!),
            TimeSpan.FromSeconds(parse.GetValue(readyTimeout)),
            TimeSpan.FromSeconds(parse.GetValue(stopTimeout)),
            output,
            error).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(ClusterLayout layout, TimeSpan readyTimeout, TimeSpan stopTimeout, TextWriter output, TextWriter error)
    {
        var paths = layout.NodeConfigs();
        if (paths.Count == 0)
        {
            await error.WriteLineAsync($"xshard: no node-*.json in {layout.Directory}; create a cluster with 'xshard cluster init --dir {layout.Directory}'").ConfigureAwait(false);
            return XshardApp.Failed;
        }

        List<NodeConfig> configs;
        try
        {
            configs = [.. paths.Select(NodeConfig.Load)];
        }
        catch (NodeConfigException e)
        {
            await error.WriteLineAsync($"xshard: {e.Message}").ConfigureAwait(false);
            return XshardApp.Failed;
        }

        var time = TimeProvider.System;
        var outputLock = new Lock();
        using var signal = new ShutdownSignal();
        var children = new List<ChildNode>();
        try
        {
            for (var i = 0; i < configs.Count; i++)
            {
                children.Add(ChildNode.Start(paths[i], configs[i], output, outputLock));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var failure = await ClusterNodes.WaitUntilServingAsync(children, http, readyTimeout, time, signal.Token).ConfigureAwait(false);
            if (failure is null && !signal.Token.IsCancellationRequested)
            {
                lock (outputLock)
                {
                    output.WriteLine($"cluster '{configs[0].ClusterId}' ready: {children.Count} nodes serving ({string.Join(", ", configs.Select(static c => $"shard {c.Shard} at {c.Listen}"))}); Ctrl-C stops them");
                    output.Flush();
                }

                await Task.WhenAny(children.Select(static c => c.Exited).Append(WhenCancelled(signal.Token))).ConfigureAwait(false);
                if (!signal.Token.IsCancellationRequested && children.FirstOrDefault(static c => c.HasExited) is { } dead)
                {
                    failure = $"shard {dead.Shard} exited unexpectedly with code {dead.ExitCode}; stopping the others";
                }
            }

            var clean = await ClusterNodes.StopAllAsync(children, stopTimeout, time).ConfigureAwait(false);
            if (failure is not null)
            {
                await error.WriteLineAsync($"xshard: {failure}").ConfigureAwait(false);
                return XshardApp.Failed;
            }

            lock (outputLock)
            {
                output.WriteLine(clean ? "cluster stopped" : "cluster stopped (some nodes had to be killed)");
            }

            return clean ? XshardApp.Ok : XshardApp.Failed;
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }

    private static Task WhenCancelled(CancellationToken token) => Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(static _ => { }, TaskScheduler.Default);
}
