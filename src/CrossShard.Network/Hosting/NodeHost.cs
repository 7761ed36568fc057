using CrossShard.Core.Ids;
using CrossShard.Crypto.KeyFiles;
using CrossShard.Crypto.Signing;
using CrossShard.Network.Client;
using CrossShard.Node.Api;
using CrossShard.Node.Manifest;
using CrossShard.Storage;
using CrossShard.Transport.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Hosting;

/// <summary>
/// One shard node as a server process: loads its key and the manifest (refusing a key, cluster or shard that does
/// not match), binds Kestrel explicitly to the configured addresses (gRPC on HTTP/2, <c>GET /health</c> on HTTP/1.1),
/// opens and recovers its RocksDB store, and serves. <see cref="StopAsync"/> stops admitting, drains admitted
/// submissions, stops the node (its last writes flushed), then the server, then closes the store.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly NodeConfig _config;
    private readonly WebApplication _app;
    private readonly NodeRuntime _runtime;
    private readonly Resources _resources;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private int _stopped;

    private readonly PeerWiring _peers;

    private NodeHost(NodeConfig config, WebApplication app, NodeRuntime runtime, Resources resources, TimeProvider time, ILoggerFactory loggers, PeerWiring peers)
    {
        _peers = peers;
        _config = config;
        _app = app;
        _runtime = runtime;
        _resources = resources;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger(LoggerName);
    }

    private const string LoggerName = "CrossShard.Network.Hosting.NodeHost";

    /// <summary>The running node.</summary>
    public NodeRuntime Runtime => _runtime;

    /// <summary>The config it runs with.</summary>
    public NodeConfig Config => _config;

    /// <summary>Starts the node of <paramref name="config"/> and returns once it serves.</summary>
    /// <exception cref="NodeHostException">Anything that keeps it from serving, in one line: bad key, manifest, genesis or store, a port in use.</exception>
    public static async Task<NodeHost> StartAsync(NodeConfig config, NodeHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new NodeHostOptions();
        var resources = new Resources();
        // Outlives every other resource, so their last words are logged and flushed.
        var loggers = LoggerFactory.Create(options.Logging ?? DefaultLogging);
        try
        {
            return await StartCoreAsync(config.Validate(), options, resources, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ManifestException or KeyFileException or NodeConfigException or StoreException)
        {
            await resources.DisposeAsync().ConfigureAwait(false);
            loggers.Dispose();
            throw new NodeHostException(e.Message.ReplaceLineEndings(" "), e);
        }
        catch
        {
            await resources.DisposeAsync().ConfigureAwait(false);
            loggers.Dispose();
            throw;
        }
    }

    private static async Task<NodeHost> StartCoreAsync(NodeConfig config, NodeHostOptions options, Resources resources, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var self = new ShardId(config.Shard);
        var manifestPath = config.Resolve(config.ManifestFile);
        var manifest = ClusterManifest.Load(manifestPath);
        CheckMembership(config, manifest, manifestPath);
        var keyPath = config.Resolve(config.KeyFile);
        var identity = resources.Add(NodeKeyFile.Read(keyPath));
        CheckKey(config, manifest, manifestPath, keyPath, identity);
        var genesis = config.GenesisFile is { } genesisFile ? GenesisFile.Load(config.Resolve(genesisFile)) : null;

        var logger = loggers.CreateLogger(LoggerName);
        var time = options.Time;
        var nodeConfig = config.ToCrossShardConfig(manifest.ShardCount);
        var peers = resources.Add(PeerWiring.Create(self, manifest, identity, loggers, time));
        // A new epoch per start: peers accept sequence numbers starting over only with a larger epoch.
        var epoch = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        var keyring = new PeerKeyring(manifest.Shards.ToDictionary(static s => s.ShardId, static s => s.PublicKey));
        var network = resources.Add(new SecureNodeNetwork(self, manifest.ClusterId, identity, keyring, peers.Network, epoch, loggers.CreateLogger("CrossShard.Transport"), time, nodeConfig.BatchSize, nodeConfig.SealPacing));
        var store = resources.Add(new RocksDbShardStore(config.Resolve(config.DataDir)));
        var manager = resources.Add(new EnhancedCrossShardManager(nodeConfig, network, store, time, logger: loggers.CreateLogger("CrossShard.Node"), identity: identity));
        var owned = 0;
        foreach (var (account, balance) in genesis?.Accounts ?? new Dictionary<string, long>())
        {
            if (manager.ShardMap.ShardOf(account) == self)
            {
                manager.OpenAccount(account, balance);
                owned++;
            }
        }

        var runtime = new NodeRuntime(manager);
        var app = BuildServer(config, runtime, peers, loggers);
        resources.Add(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NodeHostException($"shard {config.Shard}: cannot listen: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}", e);
        }

        resources.AddStop(app);
        await manager.StartAsync(cancellationToken).ConfigureAwait(false);
        runtime.MarkServing();
        LogMessages.GenesisAccounts(logger, config.Shard, owned);
        LogMessages.NodeServing(logger, config.Shard, manifest.ClusterId, config.Listen.ToString(), config.Health.ToString(), manager.Resumed ? "recovered" : "new");
        return new NodeHost(config, app, runtime, resources, time, loggers, peers);
    }

    /// <summary>Stops admitting, drains admitted submissions (up to the drain timeout), stops the node, the server and the store. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _runtime.MarkStopping();
        LogMessages.NodeStopping(_logger, _config.Shard, _runtime.ActiveSubmissions);
        var start = _time.GetTimestamp();
        while (_runtime.ActiveSubmissions > 0 && _time.GetElapsedTime(start) < _config.DrainTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time).ConfigureAwait(false);
        }

        if (_runtime.ActiveSubmissions > 0)
        {
            LogMessages.DrainTimedOut(_logger, _config.Shard, _runtime.ActiveSubmissions);
        }

        // The node first (its last writes flushed), so nothing reaches it once the server is gone.
        await _runtime.Manager.StopAsync().ConfigureAwait(false);
        // Peer streams next: the server's own stop would otherwise wait out its timeout on these long-lived calls.
        await _peers.DisposeAsync().ConfigureAwait(false);
        await _resources.DisposeAsync().ConfigureAwait(false);
        LogMessages.NodeStoppedCleanly(_logger, _config.Shard);
        _loggers.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static WebApplication BuildServer(NodeConfig config, NodeRuntime runtime, PeerWiring peers, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "xshard-node" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Explicit addresses only: a node listens exactly where its config says, never on every interface by default.
            kestrel.Listen(config.Listen.Address, config.Listen.Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(config.Health.Address, config.Health.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, ExternalShutdownLifetime>();
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(runtime);
        peers.AddServices(builder.Services);

        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<ShardClientService>().RequireHost($"*:{config.Listen.Port}");
        peers.Map(app, config.Listen.Port);
        app.MapGet("/health", context => HealthEndpoint.WriteAsync(context, runtime)).RequireHost($"*:{config.Health.Port}");
        return app;
    }

    private static void CheckMembership(NodeConfig config, ClusterManifest manifest, string manifestPath)
    {
        if (manifest.ClusterId != config.ClusterId)
        {
            throw new NodeHostException($"{config.SourceFile}: clusterId is '{config.ClusterId}' but {manifestPath} is the manifest of cluster '{manifest.ClusterId}'; refusing to join another cluster");
        }

        if (!manifest.TryGetShard(new ShardId(config.Shard), out var entry))
        {
            throw new NodeHostException($"{config.SourceFile}: shard {config.Shard} is not in {manifestPath} (shards 0..{manifest.ShardCount - 1})");
        }

        // Peers dial the manifest endpoint, so the node must listen on its port.
        var port = entry.Endpoint[(entry.Endpoint.LastIndexOf(':') + 1)..];
        if (port != config.Listen.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new NodeHostException($"{config.SourceFile}: listen is {config.Listen} but {manifestPath} lists shard {config.Shard} at {entry.Endpoint}; peers would not find this node");
        }
    }

    private static void CheckKey(NodeConfig config, ClusterManifest manifest, string manifestPath, string keyPath, NodeIdentity identity)
    {
        var expected = manifest.PublicKeyOf(new ShardId(config.Shard));
        if (identity.PublicKey.Equals(expected))
        {
            return;
        }

        var holder = manifest.TryGetShardByKey(identity.PublicKey, out var other) ? $"the key of shard {other.Id}" : "a key that is not in the manifest";
        throw new NodeHostException($"{keyPath} holds {holder}, not the key {manifestPath} lists for shard {config.Shard}; refusing to start");
    }

    private static void DefaultLogging(ILoggingBuilder logging) =>
        logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            // A failure to start is reported once, in one line, by whoever called StartAsync.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None)
            .AddSimpleConsole(static console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });

    /// <summary>What a host owns, released in reverse order of acquisition (a started server is stopped before it is disposed).</summary>
    private sealed class Resources : IAsyncDisposable
    {
        private readonly Stack<object> _owned = new();

        public T Add<T>(T resource)
            where T : class
        {
            _owned.Push(resource);
            return resource;
        }

        public void AddStop(WebApplication app) => _owned.Push(new StartedServer(app));

        public async ValueTask DisposeAsync()
        {
            while (_owned.TryPop(out var resource))
            {
                switch (resource)
                {
                    case StartedServer started:
                        await started.App.StopAsync(CancellationToken.None).ConfigureAwait(false);
                        break;
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }

        private sealed record StartedServer(WebApplication App);
    }
}
