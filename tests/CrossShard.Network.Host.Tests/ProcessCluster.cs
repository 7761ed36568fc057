using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrossShard.Cli;
using CrossShard.Core.Ids;
using CrossShard.Network.Client;
using CrossShard.Network.Hosting;
using CrossShard.Node.Manifest;

namespace CrossShard.Network.Host.Tests;

/// <summary>A cluster written by <c>xshard cluster init</c> into a temp directory, its nodes run as real processes; every process is killed on dispose.</summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly NodeProcess?[] _nodes;
    private readonly List<NodeProcess> _all = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ProcessCluster(string root, int shards, int basePort)
    {
        Root = root;
        Directory = Path.Combine(root, "cluster");
        BasePort = basePort;
        _nodes = new NodeProcess?[shards];
    }

    public string Root { get; }

    public string Directory { get; }

    public int BasePort { get; }

    public int Shards => _nodes.Length;

    public ClusterManifest Manifest { get; private set; } = null!;

    public GenesisFile Genesis { get; private set; } = null!;

    public CrossShardClient Client { get; private set; } = null!;

    public static async Task<ProcessCluster> CreateAsync(int shards, int accounts, long balance, Action<JsonObject>? tuning = null)
    {
        var root = System.IO.Directory.CreateTempSubdirectory("crossshard-host-").FullName;
        var basePort = FreePorts.FindBlock(2 * shards);
        var cluster = new ProcessCluster(root, shards, basePort);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await XshardApp.RunAsync(
            ["cluster", "init", "--shards", $"{shards}", "--dir", cluster.Directory, "--base-port", $"{basePort}", "--accounts", $"{accounts}", "--initial-balance", $"{balance}"],
            output,
            error);
        Assert.True(code == XshardApp.Ok, error.ToString());
        if (tuning is not null)
        {
            for (var i = 0; i < shards; i++)
            {
                var path = cluster.ConfigPath(i);
                var config = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
                var values = new JsonObject();
                tuning(values);
                config["tuning"] = values;
                await File.WriteAllTextAsync(path, config.ToJsonString());
            }
        }

        cluster.Manifest = ClusterManifest.Load(Path.Combine(cluster.Directory, "manifest.json"));
        cluster.Genesis = GenesisFile.Load(Path.Combine(cluster.Directory, "genesis.json"));
        cluster.Client = new CrossShardClient(cluster.Manifest, new CrossShardClientOptions { CallTimeout = TimeSpan.FromSeconds(20) });
        return cluster;
    }

    public string ConfigPath(int shard) => Path.Combine(Directory, $"node-{shard}.json");

    public int HealthPort(int shard) => BasePort + Shards + shard;

    public NodeProcess Node(int shard) => _nodes[shard] ?? throw new InvalidOperationException($"shard {shard} was never started");

    public NodeProcess Start(int shard)
    {
        if (_nodes[shard] is { HasExited: false })
        {
            throw new InvalidOperationException($"shard {shard} is already running");
        }

        var node = NodeProcess.Start(shard, ConfigPath(shard));
        _nodes[shard] = node;
        _all.Add(node);
        return node;
    }

    public async Task StartAllAsync()
    {
        for (var i = 0; i < Shards; i++)
        {
            Start(i);
        }

        for (var i = 0; i < Shards; i++)
        {
            await WaitServingAsync(i);
        }

        // Peer links dial with backoff, and a node gives its peers a grace period before judging them: "no peer down"
        // holds before any peer was heard from. Joined means every peer heard from and none down.
        IReadOnlyList<NodeHealthReport> last = [];
        await Eventually.HoldsAsync(
            async () => (last = await Client.GetClusterHealthAsync()).All(static r => r.Health is { DownPeers.Count: 0, UnheardPeers.Count: 0 }),
            TimeSpan.FromSeconds(60),
            () => string.Join("; ", last.Select(static r => $"shard {r.Shard.Value} down peers [{string.Join(", ", r.Health?.DownPeers ?? [])}], unheard [{string.Join(", ", r.Health?.UnheardPeers ?? [])}]")));
    }

    public async Task WaitServingAsync(int shard)
    {
        var node = Node(shard);
        await Eventually.HoldsAsync(
            async () =>
            {
                Assert.False(node.HasExited, $"shard {shard} exited with {(node.HasExited ? node.ExitCode : 0)}:\n{node.Output}");
                return (await Client.GetHealthAsync(new ShardId(shard))).IsServing;
            },
            TimeSpan.FromSeconds(60),
            () => $"shard {shard} serving; its output:\n{node.Output}");
    }

    /// <summary>The health document from the node's HTTP/1.1 endpoint.</summary>
    public async Task<NodeHealth> HealthOverHttpAsync(int shard)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort(shard)}/health"));
        return (await response.Content.ReadFromJsonAsync<NodeHealth>(Json))!;
    }

    /// <summary>Waits until every node reports nothing unfinished: no client waiting, every decision acknowledged, nothing in doubt.</summary>
    public async Task WaitQuietAsync(TimeSpan timeout)
    {
        IReadOnlyList<NodeHealthReport> last = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                last = await Client.GetClusterHealthAsync();
                return last.All(static r => r.Health is { State: "serving", InFlight: 0, Coordinating: 0, Participating: 0 });
            },
            timeout,
            () => string.Join("; ", last.Select(static r => r.Health is { } h ? $"shard {h.Shard}: {h.State} inFlight {h.InFlight} coordinating {h.Coordinating} participating {h.Participating}" : $"shard {r.Shard.Value}: {r.Error}")));
    }

    public string Outputs() => string.Join("\n", _all.Select(static n => $"--- shard {n.Shard} ---\n{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _all)
        {
            node.Dispose();
        }

        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        _http.Dispose();
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still be releasing files; the temp directory is cleaned by the OS eventually.
        }
    }
}
