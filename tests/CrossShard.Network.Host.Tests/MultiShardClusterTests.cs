using CrossShard.Core.Messages;
using CrossShard.Network.Client;

namespace CrossShard.Network.Host.Tests;

/// <summary>Three node processes joined by the gRPC peer links: crashes under load, and a paused participant detected down and rejoining.</summary>
[Collection(NodeProcesses.Name)]
public sealed class MultiShardClusterTests : IAsyncLifetime
{
    private const long Balance = 1000;
    private ProcessCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(
        shards: 3,
        accounts: 600,
        balance: Balance,
        tuning: static t =>
        {
            t["heartbeatIntervalMs"] = 200;
            t["missedHeartbeatsBeforeDown"] = 3;
            t["transactionTimeoutMs"] = 3000;
        });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private CrossShardClient Client => _cluster.Client;

    [Fact]
    public async Task KillMinus9_OfACoordinatorThenAParticipant_UnderLoad_EveryTransferIsDecided_AndEveryCommitSeenSurvives()
    {
        await _cluster.StartAllAsync();
        var accounts = _cluster.Genesis.Accounts.Keys.ToList();
        // Each account is in exactly one transfer, so its balance alone says whether that transfer committed.
        var pairs = Enumerable.Range(0, accounts.Count / 2).Select(i => (From: accounts[2 * i], To: accounts[(2 * i) + 1], Amount: 1L + i)).ToList();
        var submissions = pairs.Select(async Task<TransactionOutcome?> (p) =>
        {
            try
            {
                return await Client.SubmitTransferAsync(p.From, p.To, p.Amount);
            }
            catch (CrossShardClientException)
            {
                return null; // the coordinator died under the call, or was down: outcome unknown
            }
            catch (Core.Transactions.InvalidTransactionException e) when (e.Error == Core.Transactions.TransactionError.ShardDown)
            {
                return null; // refused up front: nothing was submitted
            }
        }).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(submissions.Count(static s => s.IsCompleted) >= 20), TimeSpan.FromSeconds(60), () => "20 transfers answered");
        _cluster.Node(0).KillHard();
        await Eventually.HoldsAsync(() => Task.FromResult(submissions.Count(static s => s.IsCompleted) >= 60), TimeSpan.FromSeconds(60), () => "60 transfers answered");
        _cluster.Node(1).KillHard();
        var outcomes = await Task.WhenAll(submissions);
        _cluster.Start(0);
        _cluster.Start(1);
        await _cluster.WaitServingAsync(0);
        await _cluster.WaitServingAsync(1);
        await _cluster.WaitQuietAsync(TimeSpan.FromSeconds(90));

        var balances = await Client.GetBalancesAsync(accounts);
        Assert.Equal(_cluster.Genesis.Total, balances.Total);
        Assert.Contains(outcomes, static o => o is { IsCommitted: true });
        for (var i = 0; i < pairs.Count; i++)
        {
            var (from, to, amount) = pairs[i];
            var debited = balances.Accounts[from] == Balance - amount;
            var credited = balances.Accounts[to] == Balance + amount;
            Assert.True(debited == credited, $"transfer {i} half applied: {from}={balances.Accounts[from]} {to}={balances.Accounts[to]}");
            Assert.True(debited || balances.Accounts[from] == Balance, $"{from} = {balances.Accounts[from]}");
            if (outcomes[i] is { } outcome)
            {
                Assert.True(outcome.IsCommitted == debited, $"transfer {i}: the client saw {outcome}, the balances say committed={debited}");
            }
        }
    }

    [Fact]
    public async Task ANodeStartedAlone_ReportsItsPeersUnheard_UntilTheyJoin()
    {
        _cluster.Start(0);
        await _cluster.WaitServingAsync(0);

        // Serving, and maybe not judging its peers down yet (start-up grace): unheard says they have not joined.
        Assert.Equal([1, 2], (await _cluster.HealthOverHttpAsync(0)).UnheardPeers);

        _cluster.Start(1);
        _cluster.Start(2);
        await _cluster.WaitServingAsync(1);
        await _cluster.WaitServingAsync(2);
        await Eventually.HoldsAsync(
            async () => (await Client.GetClusterHealthAsync()).All(static r => r.Health is { DownPeers.Count: 0, UnheardPeers.Count: 0 }),
            TimeSpan.FromSeconds(60),
            () => "every node heard from every peer, none down");
    }

    [Fact]
    public async Task APausedParticipant_IsDetectedDown_AndRejoinsWhenResumed()
    {
        await _cluster.StartAllAsync();
        var accounts = _cluster.Genesis.Accounts.Keys.ToList();
        var on0 = accounts.First(a => Client.ShardMap.ShardOf(a).Value == 0);
        var on2 = accounts.First(a => Client.ShardMap.ShardOf(a).Value == 2);
        // Cold processes (JIT, first handshakes) may abort the first transfers on a vote timeout; that is safe, so
        // the test starts from the first one that commits.
        TransactionOutcome? first = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    return (first = await Client.SubmitTransferAsync(on0, on2, 5)).IsCommitted;
                }
                catch (Core.Transactions.InvalidTransactionException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            () => $"a first transfer commits on the cold cluster (last: {first})");

        _cluster.Node(2).Pause();
        await Eventually.HoldsAsync(
            async () =>
            {
                var h0 = await _cluster.HealthOverHttpAsync(0);
                var h1 = await _cluster.HealthOverHttpAsync(1);
                return h0.DownPeers.Contains(2) && h1.DownPeers.Contains(2);
            },
            TimeSpan.FromSeconds(30),
            () => "shards 0 and 1 report shard 2 down");

        _cluster.Node(2).Resume();
        await Eventually.HoldsAsync(
            async () => (await Client.GetClusterHealthAsync()).All(static r => r.Health is { State: "serving", DownPeers.Count: 0 }),
            TimeSpan.FromSeconds(30),
            () => "every node serving with no peer down");
        TransactionOutcome? outcome = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    outcome = await Client.SubmitTransferAsync(on0, on2, 7);
                    return outcome.IsCommitted;
                }
                catch (Core.Transactions.InvalidTransactionException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            () => $"a transfer to the resumed shard commits (last: {outcome})");
        await _cluster.WaitQuietAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(_cluster.Genesis.Total, (await Client.GetBalancesAsync([])).Total);
    }
}
