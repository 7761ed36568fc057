using System.Collections.Concurrent;
using CrossShard.Cli.Measurement;
using CrossShard.Cli.Workload;
using System.Diagnostics;
using CrossShard.Core.Effects;
using CrossShard.Core.Invariants;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Embedded;
using System.Security.Cryptography;
using CrossShard.Node.Receipts;
using CrossShard.Storage;
using CrossShard.Node.Runtime;

namespace CrossShard.Cli.Demo;

/// <summary>Runs the demo: an embedded cluster, funded accounts, concurrent transfers, then every invariant check.</summary>
public sealed class DemoRunner
{
    private readonly DemoSettings _settings;

    /// <summary>Prepares a run with <paramref name="settings"/>.</summary>
    public DemoRunner(DemoSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Live progress of the run.</summary>
    public DemoCounters Counters { get; } = new();

    /// <summary>Runs the demo to the end and reports.</summary>
    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
    {
        var map = new ShardMap(_settings.Shards);
        var checker = new HistoryChecker(map);
        // The checker takes a lock per batch; buffering keeps it off the nodes' loops.
        var observer = new BufferedObserver(new CheckerObserver(checker));
        await using var stopObserver = observer.ConfigureAwait(false);
        var cluster = new EmbeddedCluster(new EmbeddedClusterOptions
        {
            Shards = _settings.Shards,
            Seed = _settings.Seed,
            Signatures = _settings.Signatures,
            Observer = observer,
            NodeConfig = new Node.Api.CrossShardConfig { LockPolicy = _settings.LockPolicy },
            ClusterId = _settings.DataDirectory is { } data ? DataDirectoryClusterId(data) : null,
            StoreFactory = _settings.DataDirectory is { } dir ? shard => new RocksDbShardStore(Path.Combine(dir, $"shard-{shard.Value}")) : null,
        });
        await using var stopCluster = cluster.ConfigureAwait(false);

        for (var i = 0; i < _settings.Accounts; i++)
        {
            cluster.OpenAccount(AccountNames.Of(i), _settings.InitialBalance);
        }

        await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        var totalBefore = (await cluster.ShardTotalsAsync().ConfigureAwait(false)).Sum();
        var workload = new DemoWorkload(_settings, map, (uint)RandomNumberGenerator.GetInt32(int.MaxValue));
        var latencies = new LatencyHistogram();
        var reasons = new ConcurrentDictionary<AbortReason, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < _settings.Transfers && !cancellationToken.IsCancellationRequested)
            {
                var transfer = workload.Transfer(index);
                checker.RecordSubmitted(transfer.Transaction);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var outcome = await cluster.SubmitAsync(transfer, cancellationToken).ConfigureAwait(false);
                    latencies.Record(Stopwatch.GetElapsedTime(started));
                    checker.RecordOutcome(outcome);
                    if (outcome.IsCommitted)
                    {
                        Counters.AddCommitted();
                    }
                    else
                    {
                        reasons.AddOrUpdate(outcome.Reason, 1, static (_, n) => n + 1);
                        Counters.AddAborted();
                    }
                }
                catch (InvalidTransactionException)
                {
                    checker.RecordRefused(transfer.Transaction);
                    Counters.AddRejected();
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Min(_settings.Concurrency, _settings.Transfers)).Select(_ => Task.Run(WorkerAsync)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        var activity = await cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var shardTotals = await cluster.ShardTotalsAsync().ConfigureAwait(false);
        await observer.DrainAsync().ConfigureAwait(false);
        var (envelopes, signedMessages, rejected, signatures) = EnvelopeStats.Of(cluster);
        var receipts = _settings.ReceiptsDirectory is { } directory ? WriteReceipts(cluster, workload, directory) : 0;
        var violations = checker.CheckFinished(expectOutcomeForEverySubmission: !cancellationToken.IsCancellationRequested);
        var decided = Counters.Committed + Counters.Aborted;
        return new DemoReport
        {
            Shards = _settings.Shards,
            Accounts = _settings.Accounts,
            Transfers = _settings.Transfers,
            Concurrency = _settings.Concurrency,
            Seed = _settings.Seed,
            Committed = Counters.Committed,
            Aborted = Counters.Aborted,
            Rejected = Counters.Rejected,
            AbortReasons = new SortedDictionary<string, int>(reasons.ToDictionary(static kv => kv.Key.ToString(), static kv => kv.Value)),
            ElapsedSeconds = elapsed.TotalSeconds,
            TxPerSec = decided / Math.Max(elapsed.TotalSeconds, 1e-9),
            CommittedPerSec = Counters.Committed / Math.Max(elapsed.TotalSeconds, 1e-9),
            LatencyMs = latencies.SummaryMs(),
            TotalBefore = totalBefore,
            TotalAfter = shardTotals.Sum(),
            ShardTotals = shardTotals,
            Conserved = totalBefore == shardTotals.Sum(),
            Quiescent = activity.IsQuiet,
            Violations = violations,
            Signatures = _settings.Signatures,
            Envelopes = envelopes,
            SignedMessages = signedMessages,
            MlDsaSignatures = signatures,
            RejectedEnvelopes = rejected,
            ReceiptsWritten = receipts,
            Resumed = cluster.Resumed,
            DataDirectory = _settings.DataDirectory,
        };
    }

    // A durable cluster keeps its id across runs: every store is bound to it. The first run picks it.
    private static string DataDirectoryClusterId(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "cluster-id");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var id = $"demo-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        File.WriteAllText(path, id + "\n");
        return id;
    }

    // Receipts of the first transfers, signed by their coordinators, plus the manifest that verifies them offline.
    private int WriteReceipts(EmbeddedCluster cluster, DemoWorkload workload, string directory)
    {
        Directory.CreateDirectory(directory);
        cluster.CreateManifest().Save(Path.Combine(directory, "manifest.json"));
        var written = 0;
        for (var i = 0; i < Math.Min(DemoSettings.ReceiptCount, _settings.Transfers); i++)
        {
            var transfer = workload.Transfer(i);
            if (cluster.CoordinatorFor(transfer).CreateReceipt(transfer.Id) is { } receipt)
            {
                ReceiptJson.WriteFile(Path.Combine(directory, $"{transfer.Id}.json"), receipt);
                written++;
            }
        }

        return written;
    }

    private sealed class CheckerObserver(HistoryChecker checker) : IProtocolObserver
    {
        public void OnEvents(IReadOnlyList<ProtocolEvent> events) => checker.Observe(events);
    }
}
