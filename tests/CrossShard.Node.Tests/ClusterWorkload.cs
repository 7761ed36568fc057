using CrossShard.Core.Ids;
using CrossShard.Core.Invariants;
using CrossShard.Core.Effects;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;
using CrossShard.Node.Runtime;
using CrossShard.Transport.Security;

namespace CrossShard.Node.Tests;

/// <summary>Parameters of one random run over an embedded cluster; everything else follows from <see cref="Seed"/>.</summary>
public sealed record ClusterWorkload(int Shards, int Accounts, int Transactions, int Concurrency, Core.Locks.LockPolicy Policy, int Seed)
{
    public const long InitialBalance = 100;

    /// <summary>Runs the workload and returns every invariant violation found (empty when all hold) and the envelopes refused.</summary>
    /// <param name="nodeConfig">Settings of every node.</param>
    /// <param name="network">An unsigned network (signatures off) to run over, e.g. one injecting faults per message.</param>
    /// <param name="envelopeNetwork">A network of signed envelopes (signatures on), e.g. one injecting faults per envelope.</param>
    /// <param name="beforeQuiet">Called when every client has its outcome, before waiting for quiescence (heal faults here).</param>
    public async Task<WorkloadResult> RunAsync(
        CrossShardConfig nodeConfig,
        Transport.IShardNetwork? network = null,
        Transport.IEnvelopeNetwork? envelopeNetwork = null,
        Action? beforeQuiet = null)
    {
        var map = new ShardMap(Shards);
        var checker = new HistoryChecker(map);
        await using var observer = new BufferedObserver(new CheckerObserver(checker));
        var cluster = new EmbeddedCluster(new EmbeddedClusterOptions
        {
            Shards = Shards,
            Seed = Seed,
            Signatures = network is null,
            Network = network,
            EnvelopeNetwork = envelopeNetwork,
            Observer = observer,
            NodeConfig = nodeConfig with { LockPolicy = Policy },
        });
        try
        {
            for (var i = 0; i < Accounts; i++)
            {
                cluster.OpenAccount(Account(i), InitialBalance);
            }

            cluster.Start();
            var before = (await cluster.ShardTotalsAsync()).Sum();
            var next = -1;
            async Task Worker()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < Transactions)
                {
                    var (tx, allowedError) = Generate(index);
                    checker.RecordSubmitted(tx.Transaction);
                    try
                    {
                        checker.RecordOutcome(await cluster.SubmitAsync(tx));
                    }
                    // Refused up front: the one error its kind allows, or a shard the failure detector saw go quiet under faults.
                    catch (InvalidTransactionException ex) when (ex.Error == allowedError || ex.Error == TransactionError.ShardDown)
                    {
                        checker.RecordRefused(tx.Transaction);
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(Worker)));
            beforeQuiet?.Invoke();
            var activity = await cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));
            await observer.DrainAsync();
            var violations = checker.CheckFinished(expectOutcomeForEverySubmission: true).ToList();
            if (!activity.IsQuiet)
            {
                violations.Add($"termination: not quiet after faults stopped: {activity}");
            }

            var after = (await cluster.ShardTotalsAsync()).Sum();
            if (after != before)
            {
                violations.Add($"conservation: total {before} became {after}");
            }

            foreach (var node in cluster.Nodes)
            {
                var negative = await node.Node.InspectAsync(static p => p.Participant.Ledger.Accounts.Count(static a => a.Value.Balance < 0));
                if (negative > 0)
                {
                    violations.Add($"validity: {negative} negative balances on {node.LocalShard}");
                }
            }

            var rejections = cluster.Nodes.Select(n => n.Network).OfType<SecureNodeNetwork>()
                .SelectMany(n => n.Rejections.Totals).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            return new WorkloadResult(violations, rejections);
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static string Account(int i) => $"acct-{i}";

    // The mix: transfers (some overdrawn), three-way splits, legacy anchors on a small key set (conflicts),
    // credits to accounts that do not exist, and refused-up-front self transfers.
    // Each transaction comes with the one refusal it may legitimately get.
    private (CrossShardTransaction Tx, TransactionError AllowedError) Generate(int index)
    {
        var random = new Random(HashCode.Combine(Seed, index));
        var a = Account(random.Next(Accounts));
        var b = Account(random.Next(Accounts));
        var nonce = (ulong)index;
        var kind = random.Next(100);
        if (a == b || kind < 5)
        {
            return (CrossShardTransaction.Transfer(a, a, 1 + random.Next(10), nonce), TransactionError.SelfTransfer);
        }

        if (kind < 65)
        {
            return (CrossShardTransaction.Transfer(a, b, 1 + random.Next(150), nonce), TransactionError.None);
        }

        if (kind < 80)
        {
            var c = Account(random.Next(Accounts));
            if (c == a || c == b)
            {
                return (CrossShardTransaction.Transfer(a, b, 7, nonce), TransactionError.None);
            }

            var x = 1 + random.Next(40);
            var y = 1 + random.Next(40);
            return (new CrossShardTransaction([Operation.Debit(new AccountId(a), x + y), Operation.Credit(new AccountId(b), x), Operation.Credit(new AccountId(c), y)], nonce), TransactionError.None);
        }

        if (kind < 90)
        {
            // The same (hash, from, to) twice is the same transaction: its coordinator may refuse it as a duplicate.
            return (new CrossShardTransaction($"0x{random.Next(8)}", random.Next(Shards), random.Next(Shards)), TransactionError.DuplicateTransaction);
        }

        return (CrossShardTransaction.Transfer(a, $"ghost-{random.Next(100)}", 1, nonce), TransactionError.None);
    }

    private sealed class CheckerObserver(HistoryChecker checker) : IProtocolObserver
    {
        public void OnEvents(IReadOnlyList<ProtocolEvent> events) => checker.Observe(events);
    }
}

/// <summary>What a workload run found.</summary>
public sealed record WorkloadResult(IReadOnlyList<string> Violations, IReadOnlyDictionary<EnvelopeRejection, long> Rejections);
