using System.Text.Json;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Cluster;

/// <summary>Readiness and stop of a set of <see cref="ChildNode"/>s, shared by <c>xshard cluster up</c> and <c>xshard bench --mode cluster</c>.</summary>
internal static class ClusterNodes
{
    /// <summary>
    /// Polls every node's health endpoint until each reports serving, every peer heard from and none down. Null when
    /// they all do (or <paramref name="stop"/> fired); otherwise one line saying which node failed: exited, or not
    /// ready within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string?> WaitUntilServingAsync(List<ChildNode> children, HttpClient http, TimeSpan timeout, TimeProvider time, CancellationToken stop)
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
            // Ready means joined too: every peer heard from (unheardPeers empty) and none down. "No peer down" alone is
            // true from the start: the failure detector gives every peer a grace period (3 heartbeat intervals) before it
            // judges it, while the peer links may still be backing off from dials made before the peers listened; a
            // peer link that comes up after that grace gets the peer marked down, and the transactions touching it aborted.
            var root = document.RootElement;
            return root.TryGetProperty("state", out var state) && state.GetString() == "serving"
                && root.TryGetProperty("downPeers", out var down) && down.GetArrayLength() == 0
                && root.TryGetProperty("unheardPeers", out var unheard) && unheard.GetArrayLength() == 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }

    /// <summary>Stops every child at once (SIGTERM, then kill after <paramref name="timeout"/>); true when each stopped by itself.</summary>
    public static async Task<bool> StopAllAsync(List<ChildNode> children, TimeSpan timeout, TimeProvider time)
    {
        var stops = await Task.WhenAll(children.Select(c => c.StopAsync(timeout, time))).ConfigureAwait(false);
        return stops.All(static s => s);
    }
}
