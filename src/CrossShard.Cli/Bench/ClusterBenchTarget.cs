using System.Security.Cryptography;
using CrossShard.Cli.Cluster;
using CrossShard.Core.Transactions;
using CrossShard.Network.Client;
using CrossShard.Network.Hosting;
using CrossShard.Node.Api;
using CrossShard.Node.Manifest;
using CrossShard.Node.Runtime;

namespace CrossShard.Cli.Bench;

/// <summary>
/// One <c>xshard node</c> process per shard on 127.0.0.1, driven over gRPC through <see cref="CrossShardClient"/>:
/// the cluster is written exactly as <c>xshard cluster init</c> writes one (into a fresh temporary directory, on
/// loopback ports free at run time) and started exactly as <c>xshard cluster up</c> starts one. The nodes always
/// sign (ML-DSA-65) and always use RocksDB, so <c>--signatures off</c> and <c>--durable off</c> are refused. The
/// nodes do not expose their envelope counters over the client API: <see cref="ReadStats"/> reports zeros.
/// </summary>
public sealed class ClusterBenchTarget : IBenchTarget
{
    /// <summary>How long every node gets to serve with every peer heard from and none down.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a node gets to stop after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The one-line reason <c>--signatures off</c> cannot run in cluster mode.</summary>
    public const string SignaturesRequired = "cluster mode always signs: the node processes sign every message with ML-DSA-65 (--signatures off is for --mode embedded)";

    /// <summary>The one-line reason <c>--durable off</c> cannot run in cluster mode.</summary>
    public const string DurableRequired = "cluster mode is always durable: the node processes store in RocksDB (--durable off is for --mode embedded)";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly BenchSettings _settings;
    private readonly LineTail _nodeOutput = new(40);
    private readonly Lock _outputLock = new();
    private readonly List<ChildNode> _children = [];
    private CrossShardClient? _client;
    private CoalescingSubmitter? _submitter;
    private string? _directory;
    private bool _started;

    /// <summary>Prepares a target for <paramref name="settings"/>; nothing runs before <see cref="StartAsync"/>.</summary>
    /// <exception cref="BenchTargetUnavailableException">Signatures or durability are off: the nodes cannot run that way.</exception>
    public ClusterBenchTarget(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Signatures)
        {
            throw new BenchTargetUnavailableException(SignaturesRequired);
        }

        if (!settings.Durable)
        {
            throw new BenchTargetUnavailableException(DurableRequired);
        }

        _settings = settings;
    }

    /// <inheritdoc />
    public string Description =>
        $"cluster, {_settings.Shards} xshard node processes on 127.0.0.1 over gRPC, ML-DSA-65 signed envelopes (counts not exposed by the nodes: reported as 0), RocksDB stores in {_directory ?? "a temporary directory"}";

    /// <inheritdoc />
    public async Task StartAsync(IReadOnlyList<string> accounts, long initialBalance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (_started)
        {
            throw new InvalidOperationException("the target is already started");
        }

        _started = true;
        try
        {
            var layout = WriteCluster(accounts, initialBalance);
            var paths = layout.NodeConfigs();
            foreach (var path in paths)
            {
                _children.Add(ChildNode.Start(path, NodeConfig.Load(path), _nodeOutput, _outputLock));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            if (await ClusterNodes.WaitUntilServingAsync(_children, http, ReadyTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                throw new BenchTargetUnavailableException($"cluster did not start: {failure}{LastNodeLine()}");
            }

            cancellationToken.ThrowIfCancellationRequested();
            _client = new CrossShardClient(
                ClusterManifest.Load(layout.Manifest),
                new CrossShardClientOptions { CoordinateAtLastParticipant = _settings.LockPolicy == Core.Locks.LockPolicy.Ordered });
            _submitter = new CoalescingSubmitter(_client);
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<BenchOutcome> SubmitAsync(BenchTransfer transfer, CancellationToken cancellationToken)
    {
        _ = Running;
        try
        {
            // Coalesced: concurrent transfers to one coordinator share SubmitBatch calls (the per-call gRPC cost was
            // a sixth of the machine with one unary call per transfer).
            var outcome = await _submitter!.SubmitAsync(CrossShardTransaction.Transfer(transfer.From, transfer.To, transfer.Amount, transfer.Nonce), cancellationToken).ConfigureAwait(false);
            return BenchOutcome.From(outcome);
        }
        catch (Exception e) when (e is InvalidTransactionException or NodeBusyException or ClusterUnavailableException)
        {
            // Refused, or no outcome (node busy or unreachable): counted as rejected, never a crash of the run. A
            // transfer whose outcome is unknown may still have committed; a transfer keeps the total either way.
            return BenchOutcome.Rejected;
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadTotalAsync(CancellationToken cancellationToken) =>
        (await Running.GetBalancesAsync([], cancellationToken).ConfigureAwait(false)).Total;

    /// <inheritdoc />
    /// <remarks>
    /// Quiet means every node answers and reports no transaction coordinating or participating. The nodes do not
    /// report their locks; a lock is only held by a transaction its shard participates in, so none is held then.
    /// Until quiet (or at the timeout) the sums over the nodes that answered are returned.
    /// </remarks>
    public async Task<BenchQuiescence> QuiesceAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = Running;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var last = new BenchQuiescence(0, 0, 0);
        while (true)
        {
            var reports = await client.GetClusterHealthAsync(cancellationToken).ConfigureAwait(false);
            var answered = reports.All(static r => r.Health is not null);
            last = new BenchQuiescence(
                (int)reports.Sum(static r => r.Health?.Coordinating ?? 0),
                (int)reports.Sum(static r => r.Health?.Participating ?? 0),
                0);
            if (answered && last.IsQuiet)
            {
                return last;
            }

            if (!answered && deadline.IsCancellationRequested)
            {
                var down = reports.First(static r => r.Health is null);
                throw new BenchTargetUnavailableException($"shard {down.Shard.Value} did not answer its health call after the load: {down.Error}{LastNodeLine()}");
            }

            try
            {
                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return last;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The nodes do not expose envelope counters over the client API: always zeros.</remarks>
    public BenchTargetStats ReadStats()
    {
        _ = Running;
        return new BenchTargetStats(0, 0, 0, 0);
    }

    /// <inheritdoc />
    public TimeSpan? ReadNodeCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var child in _children)
        {
            if (child.CpuTime is not { } cpu)
            {
                return null;
            }

            total += cpu;
        }

        return _children.Count == 0 ? null : total;
    }

    /// <inheritdoc />
    public async ValueTask StopAsync()
    {
        try
        {
            if (_client is { } client)
            {
                _client = null;
                _submitter = null;
                await client.DisposeAsync().ConfigureAwait(false);
            }

            if (_children.Count > 0)
            {
                await ClusterNodes.StopAllAsync(_children, StopTimeout, TimeProvider.System).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var child in _children)
            {
                child.Dispose();
            }

            _children.Clear();

            // Deleted only once the nodes are gone: a running node keeps its store's files open.
            if (_directory is { } directory && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync();

    private ClusterLayout WriteCluster(IReadOnlyList<string> accounts, long initialBalance)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        _directory = Path.Combine(Path.GetTempPath(), $"xshard-bench-cluster-{id}");
        var layout = new ClusterLayout(_directory);
        Directory.CreateDirectory(layout.DataRoot);
        var ports = LoopbackPorts.Free(2 * _settings.Shards);
        ClusterFiles.Write(
            layout,
            $"xshard-bench-{id}",
            [.. Enumerable.Range(0, _settings.Shards).Select(i => new ClusterFiles.NodePorts(ports[i], ports[_settings.Shards + i]))],
            new GenesisFile(accounts.Select(a => KeyValuePair.Create(a, initialBalance))),
            _settings.LockPolicy);
        return layout;
    }

    private string LastNodeLine() => _nodeOutput.Lines() is [.., var line] ? $"; last node output: {line}" : string.Empty;

    private CrossShardClient Running => _client ?? throw new InvalidOperationException("the target is not started");
}
