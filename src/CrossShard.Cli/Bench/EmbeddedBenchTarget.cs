using System.Security.Cryptography;
using CrossShard.Cli.Measurement;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;
using CrossShard.Storage;

namespace CrossShard.Cli.Bench;

/// <summary>
/// Every shard node in this process (<see cref="EmbeddedCluster"/>): signed or unsigned in-memory network, RocksDB
/// stores in a fresh temporary directory (removed on stop) or in-memory stores.
/// </summary>
public sealed class EmbeddedBenchTarget : IBenchTarget
{
    private readonly BenchSettings _settings;
    private EmbeddedCluster? _cluster;
    private string? _directory;

    /// <summary>Prepares a target for <paramref name="settings"/>; nothing runs before <see cref="StartAsync"/>.</summary>
    public EmbeddedBenchTarget(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc />
    public string Description => string.Join(", ",
        $"embedded, {_settings.Shards} shards in this process",
        _settings.Signatures ? "ML-DSA-65 signed envelopes" : "UNSIGNED messages",
        _settings.Durable ? $"RocksDB stores in {_directory ?? "a temporary directory"}" : "in-memory stores");

    /// <inheritdoc />
    public async Task StartAsync(IReadOnlyList<string> accounts, long initialBalance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (_cluster is not null)
        {
            throw new InvalidOperationException("the target is already started");
        }

        if (_settings.Durable)
        {
            _directory = Path.Combine(Path.GetTempPath(), $"xshard-bench-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
            Directory.CreateDirectory(_directory);
        }

        var directory = _directory;
        _cluster = new EmbeddedCluster(new EmbeddedClusterOptions
        {
            Shards = _settings.Shards,
            Seed = _settings.Seed,
            Signatures = _settings.Signatures,
            NodeConfig = new CrossShardConfig { LockPolicy = _settings.LockPolicy },
            StoreFactory = directory is null ? null : shard => new RocksDbShardStore(Path.Combine(directory, $"shard-{shard.Value}")),
        });
        foreach (var account in accounts)
        {
            _cluster.OpenAccount(account, initialBalance);
        }

        await _cluster.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<BenchOutcome> SubmitAsync(BenchTransfer transfer, CancellationToken cancellationToken)
    {
        var cluster = Running;
        try
        {
            var outcome = await cluster.SubmitAsync(CrossShardTransaction.Transfer(transfer.From, transfer.To, transfer.Amount, transfer.Nonce), cancellationToken).ConfigureAwait(false);
            return BenchOutcome.From(outcome);
        }
        catch (InvalidTransactionException)
        {
            return BenchOutcome.Rejected;
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadTotalAsync(CancellationToken cancellationToken) => (await Running.ShardTotalsAsync().ConfigureAwait(false)).Sum();

    /// <inheritdoc />
    public async Task<BenchQuiescence> QuiesceAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var activity = await Running.WaitUntilQuietAsync(timeout).ConfigureAwait(false);
        return new BenchQuiescence(activity.Coordinating, activity.Participating, activity.LocksHeld);
    }

    /// <inheritdoc />
    public BenchTargetStats ReadStats()
    {
        var stats = EnvelopeStats.Of(Running);
        return new BenchTargetStats(stats.Envelopes, stats.SignedMessages, stats.Rejected, stats.Signatures);
    }

    /// <inheritdoc />
    /// <remarks>The nodes run in this process: their CPU is in the report's own CPU numbers.</remarks>
    public TimeSpan? ReadNodeCpu() => null;

    /// <inheritdoc />
    public async ValueTask StopAsync()
    {
        try
        {
            if (_cluster is { } cluster)
            {
                _cluster = null;
                await cluster.StopAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // Deleted only once the stores are closed; a store still open would keep its files busy.
            if (_directory is { } directory && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync();

    private EmbeddedCluster Running => _cluster ?? throw new InvalidOperationException("the target is not started");
}
