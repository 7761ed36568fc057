using System.Net;
using System.Net.Sockets;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Network.Client;
using CrossShard.Node.Api;
using CrossShard.Node.Receipts;

namespace CrossShard.Network.Host.Tests;

/// <summary>One node process: transfers through the gRPC client API, health, graceful stop, crash and restart, and the refusals of a node that must not start.</summary>
[Collection(NodeProcesses.Name)]
public sealed class SingleShardNodeTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(shards: 1, accounts: 400, balance: 1000);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private CrossShardClient Client => _cluster.Client;

    private string Account(int i) => _cluster.Genesis.Accounts.Keys.ElementAt(i);

    [Fact]
    public async Task ConcurrentTransfers_CommitOrAbortWithAReason_BalancesMatchTheOutcomes_AndTotalsAreConserved()
    {
        await _cluster.StartAllAsync();
        var random = new Random(11);
        var transfers = Enumerable.Range(0, 120)
            .Select(_ => (From: random.Next(10), To: 10 + random.Next(30), Amount: (long)random.Next(1, 400)))
            .ToList();

        var outcomes = await Task.WhenAll(transfers.Select(t => Client.SubmitTransferAsync(Account(t.From), Account(t.To), t.Amount)));

        Assert.Contains(outcomes, static o => o.IsCommitted);
        Assert.All(outcomes.Where(static o => !o.IsCommitted), static o => Assert.True(o.Reason is AbortReason.InsufficientFunds or AbortReason.LockConflict, $"{o}"));
        var expected = _cluster.Genesis.Accounts.ToDictionary(static a => a.Key, static a => a.Value);
        foreach (var (transfer, outcome) in transfers.Zip(outcomes).Where(static p => p.Second.IsCommitted))
        {
            expected[Account(transfer.From)] -= transfer.Amount;
            expected[Account(transfer.To)] += transfer.Amount;
        }

        var balances = await Client.GetBalancesAsync(_cluster.Genesis.Accounts.Keys);
        Assert.Equal(_cluster.Genesis.Total, balances.Total);
        Assert.Equal([_cluster.Genesis.Total], balances.ShardTotals);
        Assert.Equal(expected.ToDictionary(static e => e.Key, static e => (long?)e.Value), balances.Accounts);
        foreach (var outcome in outcomes.Take(10))
        {
            var status = await Client.GetStatusAsync(outcome.Tx);
            Assert.Equal(outcome.IsCommitted ? TransactionPhase.Committed : TransactionPhase.Aborted, status.Phase);
            Assert.Equal(outcome.Decision, status.Decision);
            Assert.Equal(outcome.Reason, status.AbortReason);
        }
    }

    [Fact]
    public async Task Status_WithReceipt_ReturnsAReceiptTheManifestVerifies()
    {
        await _cluster.StartAllAsync();
        var outcome = await Client.SubmitTransferAsync(Account(0), Account(1), 5);

        var status = await Client.GetStatusAsync(outcome.Tx, includeReceipt: true);

        Assert.True(outcome.IsCommitted, $"{outcome}");
        var receipt = ReceiptJson.Read(Assert.IsType<string>(status.ReceiptJson));
        Assert.Equal(outcome.Tx, receipt.TxId);
        var verification = new ReceiptVerifier(_cluster.Manifest).Verify(receipt);
        Assert.True(verification.IsValid, verification.Detail);
    }

    [Fact]
    public async Task InvalidTransfers_AreRefusedWithTheTypedError()
    {
        await _cluster.StartAllAsync();

        var zero = await Assert.ThrowsAsync<InvalidTransactionException>(() => Client.SubmitTransferAsync(Account(0), Account(1), 0));
        var self = await Assert.ThrowsAsync<InvalidTransactionException>(() => Client.SubmitTransferAsync(Account(0), Account(0), 3));
        var once = CrossShardTransaction.Transfer(Account(2), Account(3), 1, nonce: 77);
        await Client.SubmitAsync(once);
        var duplicate = await Assert.ThrowsAsync<InvalidTransactionException>(() => Client.SubmitAsync(once));

        Assert.Equal(TransactionError.NonPositiveAmount, zero.Error);
        Assert.Equal(TransactionError.SelfTransfer, self.Error);
        Assert.Equal(TransactionError.DuplicateTransaction, duplicate.Error);
    }

    [Fact]
    public async Task SubmitBatch_DecidesEachItem_AndRefusesBadItemsOneByOne_WithTheTypedError()
    {
        await _cluster.StartAllAsync();
        var once = CrossShardTransaction.Transfer(Account(6), Account(7), 1, nonce: 78);
        await Client.SubmitAsync(once);
        CrossShardTransaction[] batch =
        [
            CrossShardTransaction.Transfer(Account(4), Account(5), 40, nonce: 1),
            CrossShardTransaction.Transfer(Account(4), Account(5), 0, nonce: 2),
            CrossShardTransaction.Transfer(Account(4), Account(4), 3, nonce: 3),
            once,
            // Its own accounts: the items run concurrently, and sharing one with item 0 could abort it on a lock conflict.
            CrossShardTransaction.Transfer(Account(8), Account(9), 2_000, nonce: 4),
        ];

        var results = await Client.SubmitBatchAsync(batch);

        Assert.Equal(batch.Select(static t => t.Id), results.Select(static r => r.Tx));
        Assert.True(results[0].GetOutcome().IsCommitted, $"{results[0]}");
        Assert.Equal(TransactionError.NonPositiveAmount, Assert.IsType<InvalidTransactionException>(results[1].Error).Error);
        Assert.Equal(TransactionError.SelfTransfer, Assert.IsType<InvalidTransactionException>(results[2].Error).Error);
        Assert.Equal(TransactionError.DuplicateTransaction, Assert.IsType<InvalidTransactionException>(results[3].Error).Error);
        Assert.Equal(AbortReason.InsufficientFunds, results[4].GetOutcome().Reason);
        var balances = await Client.GetBalancesAsync([Account(4), Account(5)]);
        Assert.Equal(960, balances.Accounts[Account(4)]);
        Assert.Equal(1040, balances.Accounts[Account(5)]);
    }

    [Fact]
    public async Task CoalescingSubmitter_CarriesConcurrentTransfersInFewerCalls_WithTheSameOutcomesAsTheBalances()
    {
        await _cluster.StartAllAsync();
        var submitter = new CoalescingSubmitter(Client, maxBatch: 64, callsPerNode: 1);
        var transfers = Enumerable.Range(0, 300).Select(i => (From: 100 + (i % 100), To: 200 + (i % 100), Amount: 1L + (i % 7))).ToList();

        var outcomes = await Task.WhenAll(transfers.Select((t, i) => submitter.SubmitAsync(CrossShardTransaction.Transfer(Account(t.From), Account(t.To), t.Amount, nonce: (ulong)(1000 + i)))));

        Assert.Equal(transfers.Count, submitter.Sent);
        Assert.InRange(submitter.Calls, 1, transfers.Count - 1);
        var expected = _cluster.Genesis.Accounts.ToDictionary(static a => a.Key, static a => a.Value);
        foreach (var (transfer, outcome) in transfers.Zip(outcomes).Where(static p => p.Second.IsCommitted))
        {
            expected[Account(transfer.From)] -= transfer.Amount;
            expected[Account(transfer.To)] += transfer.Amount;
        }

        Assert.Contains(outcomes, static o => o.IsCommitted);
        var balances = await Client.GetBalancesAsync(_cluster.Genesis.Accounts.Keys);
        Assert.Equal(_cluster.Genesis.Total, balances.Total);
        Assert.Equal(expected.ToDictionary(static e => e.Key, static e => (long?)e.Value), balances.Accounts);
    }

    [Fact]
    public async Task HealthEndpoint_AnswersJsonOverHttp1()
    {
        await _cluster.StartAllAsync();

        var health = await _cluster.HealthOverHttpAsync(0);

        Assert.Equal(0, health.Shard);
        Assert.Equal(_cluster.Manifest.ClusterId, health.ClusterId);
        Assert.Equal("serving", health.State);
        Assert.Empty(health.DownPeers);
        Assert.Empty(health.UnheardPeers);
        Assert.Equal(0, health.InFlight);
    }

    [Fact]
    public async Task SigTerm_StopsGracefully_AndARestartKeepsTheBalances()
    {
        await _cluster.StartAllAsync();
        var committed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Client.SubmitTransferAsync(Account(i), Account(20 + i), 100 + i)));
        Assert.All(committed, static o => Assert.True(o.IsCommitted, $"{o}"));
        var before = await Client.GetBalancesAsync(_cluster.Genesis.Accounts.Keys);

        _cluster.Node(0).Terminate();
        Assert.True(await _cluster.Node(0).WaitForExitAsync(TimeSpan.FromSeconds(30)), "the node did not stop after SIGTERM");
        Assert.Equal(0, _cluster.Node(0).ExitCode);
        Assert.Contains("stopped; store closed", _cluster.Node(0).Output, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ClusterUnavailableException>(() => Client.GetBalancesAsync([]));

        _cluster.Start(0);
        await _cluster.WaitServingAsync(0);

        // The console logger writes on its own thread: the line may trail the health answer.
        await Eventually.HoldsAsync(() => Task.FromResult(_cluster.Node(0).Output.Contains("(recovered store)", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => _cluster.Node(0).Output);
        var after = await Client.GetBalancesAsync(_cluster.Genesis.Accounts.Keys);
        Assert.Equal(before.Accounts, after.Accounts);
        Assert.Equal(_cluster.Genesis.Total, after.Total);
    }

    [Fact]
    public async Task KillMinus9_InTheMiddleOfLoad_EveryTransferTheClientSawCommittedSurvives()
    {
        await _cluster.StartAllAsync();
        // Each account is in exactly one transfer, so its balance alone says whether that transfer committed.
        var pairs = Enumerable.Range(0, 200).Select(i => (From: Account(2 * i), To: Account((2 * i) + 1), Amount: 10L + i)).ToList();
        var submissions = pairs.Select(async Task<(TransactionOutcome? Outcome, Exception? Error)> (p) =>
        {
            try
            {
                return (Outcome: (TransactionOutcome?)await Client.SubmitTransferAsync(p.From, p.To, p.Amount), Error: (Exception?)null);
            }
            catch (CrossShardClientException e)
            {
                // The node died under this call: its outcome is unknown to the client.
                return (Outcome: (TransactionOutcome?)null, Error: (Exception?)e);
            }
        }).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(submissions.Count(static s => s.IsCompleted) >= 3), TimeSpan.FromSeconds(30), () => "a few transfers answered");
        _cluster.Node(0).KillHard();
        var results = await Task.WhenAll(submissions);
        _cluster.Start(0);
        await _cluster.WaitServingAsync(0);
        await _cluster.WaitQuietAsync(TimeSpan.FromSeconds(30));

        var balances = await Client.GetBalancesAsync(_cluster.Genesis.Accounts.Keys);
        Assert.Equal(_cluster.Genesis.Total, balances.Total);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (from, to, amount) = pairs[i];
            var debited = balances.Accounts[from] == 1000 - amount;
            var credited = balances.Accounts[to] == 1000 + amount;
            Assert.True(debited == credited, $"transfer {i} half applied: {from}={balances.Accounts[from]} {to}={balances.Accounts[to]}");
            Assert.True(debited || balances.Accounts[from] == 1000, $"{from} = {balances.Accounts[from]}");
            if (results[i].Outcome is { } outcome)
            {
                Assert.Equal(outcome.IsCommitted, debited);
            }
        }
    }

    [Fact]
    public async Task PortInUse_IsRefusedInOneLine_WithExitCode3()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, _cluster.BasePort);
        squatter.Start();

        var node = _cluster.Start(0);

        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(60)), node.Output);
        Assert.Equal(3, node.ExitCode);
        var line = Assert.Single(node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"xshard: shard 0: cannot listen: Failed to bind to address http://127.0.0.1:{_cluster.BasePort}: address already in use", line.TrimEnd('\r'));
        Assert.False(Directory.Exists(Path.Combine(_cluster.Directory, "data", "shard-0", "CURRENT")));
    }
}
