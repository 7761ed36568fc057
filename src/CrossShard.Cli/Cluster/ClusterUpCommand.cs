using System.CommandLine;
using System.Text.Json;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Cluster;

/// <summary>
/// <c>xshard cluster up</c>: starts one <c>xshard node</c> child per node config of a cluster directory, waits until
/// every health endpoint reports serving with no peer down, and stops them all gracefully on Ctrl-C / SIGTERM or as soon as one dies.
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
            var failure = await WaitUntilServingAsync(children, http, readyTimeout, time, signal.Token).ConfigureAwait(false);
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

            var clean = await StopAllAsync(children, stopTimeout, time).ConfigureAwait(false);
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

    private static async Task<string?> WaitUntilServingAsync(List<ChildNode> children, HttpClient http, TimeSpan timeout, TimeProvider time, CancellationToken stop)
    {
        var start = time.GetTimestamp();
        var pending = children.ToList();
        while (pending.Count > 0 && !stop.IsCancellationRequested)
        {
            if (pending.FirstOrDefault(static c => c.HasExited) is { } dead)
            {
                return $"shard {dead.Shard} exited with code {dead.ExitCode} before serving";
            }

            if (time.GetElapsedTime(start) > timeout)
            {
                return $"shards {string.Join(", ", pending.Select(static c => c.Shard))} not serving after {timeout.TotalSeconds:0} s";
            }

            foreach (var child in pending.ToList())
            {
                if (await IsServingAsync(http, child.Config.Health, stop).ConfigureAwait(false))
                {
                    pending.Remove(child);
                }
            }

            if (pending.Count > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        return null;
    }

    private static async Task<bool> IsServingAsync(HttpClient http, ListenAddress health, CancellationToken stop)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{health}/health"), stop).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop).ConfigureAwait(false));
            // Ready means joined too: until its peer links are up a node believes its peers down and refuses their transactions.
            return document.RootElement.TryGetProperty("state", out var state) && state.GetString() == "serving"
                && document.RootElement.TryGetProperty("downPeers", out var down) && down.GetArrayLength() == 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }

    private static async Task<bool> StopAllAsync(List<ChildNode> children, TimeSpan timeout, TimeProvider time)
    {
        var stops = await Task.WhenAll(children.Select(c => c.StopAsync(timeout, time))).ConfigureAwait(false);
        return stops.All(static s => s);
    }

    private static Task WhenCancelled(CancellationToken token) => Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(static _ => { }, TaskScheduler.Default);
}
