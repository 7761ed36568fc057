using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using CrossShard.Node.Embedded;

namespace CrossShard.Node.Tests;

public sealed class ManagerApiTests : IAsyncLifetime
{
    private readonly EmbeddedCluster _cluster = new(new EmbeddedClusterOptions { Shards = 3 });
    private readonly string[][] _accounts = new string[3][];

    public ValueTask InitializeAsync()
    {
        for (var shard = 0; shard < 3; shard++)
        {
            _accounts[shard] = Enumerable.Range(0, 500).Select(i => $"acct-{i}").Where(a => _cluster.Map.ShardOf(a).Value == shard).Take(3).ToArray();
            foreach (var account in _accounts[shard])
            {
                _cluster.OpenAccount(account, 100);
            }
        }

        _cluster.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _cluster.StopAsync();

    private EnhancedCrossShardManager Node0 => _cluster.Nodes[0];

    public static TheoryData<string, TransactionError> InvalidCases => new()
    {
        { "zero", TransactionError.NonPositiveAmount },
        { "negative", TransactionError.NonPositiveAmount },
        { "overflow", TransactionError.AmountOverflow },
        { "self", TransactionError.SelfTransfer },
        { "empty", TransactionError.EmptyOperations },
        { "oversized", TransactionError.TooManyOperations },
        { "unbalanced", TransactionError.Unbalanced },
        { "unknown shard", TransactionError.UnknownShard },
        { "unknown legacy shard", TransactionError.UnknownShard },
    };

    private CrossShardTransaction Build(string name)
    {
        var a = new AccountId(_accounts[0][0]);
        var b = new AccountId(_accounts[1][0]);
        return name switch
        {
            "zero" => CrossShardTransaction.Transfer(a.Value, b.Value, 0, 1),
            "negative" => CrossShardTransaction.Transfer(a.Value, b.Value, -3, 1),
            "overflow" => new CrossShardTransaction([Operation.Debit(a, long.MaxValue), Operation.Debit(new AccountId(_accounts[0][1]), 5), Operation.Credit(b, long.MaxValue)], 1),
            "self" => CrossShardTransaction.Transfer(a.Value, a.Value, 5, 1),
            "empty" => new CrossShardTransaction([], 1),
            "oversized" => new CrossShardTransaction(Enumerable.Range(0, 65).Select(i => Operation.Anchor(new ShardId(0), $"k{i}")), 1),
            "unbalanced" => new CrossShardTransaction([Operation.Debit(a, 5), Operation.Credit(b, 6)], 1),
            "unknown shard" => new CrossShardTransaction([Operation.Anchor(new ShardId(9), "x")], 1),
            "unknown legacy shard" => new CrossShardTransaction("0xabc", 0, 7),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Initiate_InvalidTransaction_ThrowsTypedError_AppliesNothing_HoldsNoLock(string name, TransactionError expected)
    {
        var ex = await Assert.ThrowsAsync<InvalidTransactionException>(() => Node0.InitiateCrossShardTransactionAsync(Build(name)));

        Assert.Equal(expected, ex.Error);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.Equal(new long[] { 300, 300, 300 }, await _cluster.ShardTotalsAsync());
        Assert.True((await _cluster.ActivityAsync()).IsQuiet);
    }

    [Fact]
    public async Task Initiate_SameTransactionTwice_SecondIsRefusedAsDuplicate()
    {
        var transfer = CrossShardTransaction.Transfer(_accounts[0][0], _accounts[1][0], 5, 1);

        Assert.True((await Node0.InitiateCrossShardTransactionAsync(transfer)).IsCommitted);
        var ex = await Assert.ThrowsAsync<InvalidTransactionException>(() => Node0.InitiateCrossShardTransactionAsync(transfer));

        Assert.Equal(TransactionError.DuplicateTransaction, ex.Error);
        await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(95, await Node0.GetBalanceAsync(_accounts[0][0]));
    }

    [Fact]
    public async Task Initiate_SameTransactionThroughAnotherCoordinator_IsAbortedByTheShardsThatAppliedIt()
    {
        var transfer = CrossShardTransaction.Transfer(_accounts[0][0], _accounts[1][0], 5, 1);
        Assert.True((await Node0.InitiateCrossShardTransactionAsync(transfer)).IsCommitted);
        await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));

        var second = await _cluster.Nodes[2].InitiateCrossShardTransactionAsync(transfer);

        Assert.Equal(AbortReason.AlreadyDecided, second.Reason);
        await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(95, await Node0.GetBalanceAsync(_accounts[0][0]));
    }

    [Fact]
    public async Task Initiate_UnknownAccount_AbortsNamingTheShard()
    {
        var ghost = Enumerable.Range(0, 1000).Select(i => $"ghost-{i}").First(a => _cluster.Map.ShardOf(a).Value == 2);

        var outcome = await Node0.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(_accounts[0][0], ghost, 5, 1));

        Assert.Equal((DecisionKind.Abort, AbortReason.UnknownAccount, (ShardId?)new ShardId(2)), (outcome.Decision, outcome.Reason, outcome.Shard));
        Assert.True((await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5))).IsQuiet);
        Assert.Equal(new long[] { 300, 300, 300 }, await _cluster.ShardTotalsAsync());
    }

    [Fact]
    public async Task Initiate_InsufficientFunds_AbortsAndLeavesBalances()
    {
        var outcome = await Node0.InitiateCrossShardTransactionAsync(CrossShardTransaction.Transfer(_accounts[0][0], _accounts[1][0], 101, 1));

        Assert.Equal(AbortReason.InsufficientFunds, outcome.Reason);
        Assert.True((await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5))).IsQuiet);
        Assert.Equal(100, await Node0.GetBalanceAsync(_accounts[0][0]));
    }

    [Fact]
    public async Task MultiShardTransaction_CommitsOnEveryShard()
    {
        var tx = new CrossShardTransaction(
        [
            Operation.Debit(new AccountId(_accounts[0][0]), 30),
            Operation.Credit(new AccountId(_accounts[1][0]), 10),
            Operation.Credit(new AccountId(_accounts[2][0]), 20),
        ], nonce: 9);

        Assert.True((await Node0.InitiateCrossShardTransactionAsync(tx)).IsCommitted);
        // "Committed" is promised once the COMMIT record is durable; participants apply it as the decision reaches them.
        Assert.True((await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5))).IsQuiet);
        Assert.Equal(new long[] { 270, 310, 320 }, await _cluster.ShardTotalsAsync());
    }

    [Fact]
    public async Task LegacyShape_RecordsTheHashOnce_ASecondUseAborts()
    {
        var first = await Node0.InitiateCrossShardTransactionAsync(new CrossShardTransaction("0xbeef", 0, 2));
        await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));
        var second = await _cluster.Nodes[1].InitiateCrossShardTransactionAsync(new CrossShardTransaction("0xbeef", 1, 2));

        Assert.True(first.IsCommitted);
        Assert.Equal((AbortReason.AnchorExists, (ShardId?)new ShardId(2)), (second.Reason, second.Shard));
    }

    [Fact]
    public async Task GetTransactionStatus_FollowsTheTransactionToCompletion()
    {
        var transfer = CrossShardTransaction.Transfer(_accounts[0][1], _accounts[2][1], 5, 3);
        Assert.Equal(TransactionPhase.Unknown, Node0.GetTransactionStatus(transfer.Id).Phase);

        await Node0.InitiateCrossShardTransactionAsync(transfer);
        await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));

        var status = Node0.GetTransactionStatus(transfer.Id.ToString());
        Assert.Equal((TransactionPhase.Committed, true), (status.Phase, status.IsComplete));
        Assert.True(status.Outcome!.IsCommitted);
        Assert.Throws<FormatException>(() => Node0.GetTransactionStatus("not-an-id"));
    }

    [Fact]
    public async Task GetTransactionStatus_OfAnAbort_IsAbortedWithTheReason()
    {
        var transfer = CrossShardTransaction.Transfer(_accounts[0][1], _accounts[2][1], 1000, 4);

        await Node0.InitiateCrossShardTransactionAsync(transfer);
        await _cluster.WaitUntilQuietAsync(TimeSpan.FromSeconds(5));

        var status = Node0.GetTransactionStatus(transfer.Id);
        Assert.Equal((TransactionPhase.Aborted, true, AbortReason.InsufficientFunds), (status.Phase, status.IsComplete, status.Outcome!.Reason));
    }

    [Fact]
    public async Task OpenAccount_AfterStart_OrOnTheWrongShard_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => Node0.OpenAccount("late", 1));

        var network = new Transport.InMemoryShardNetwork();
        var manager = new EnhancedCrossShardManager(new CrossShardConfig { LocalShard = 0, ConnectedShards = [1] }, network);
        var foreign = Enumerable.Range(0, 100).Select(i => $"x{i}").First(a => manager.ShardMap.ShardOf(a).Value == 1);
        var ex = Assert.Throws<ArgumentException>(() => manager.OpenAccount(foreign, 1));
        Assert.Contains("belongs to shard-1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => manager.OpenAccount("bad\u0001id", 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.InitiateCrossShardTransactionAsync(new CrossShardTransaction("h", 0, 1)));
    }

    [Theory]
    [InlineData(0, new[] { 2 }, "0..N-1")]
    [InlineData(0, new[] { 0 }, "0..N-1")]
    [InlineData(1, new int[0], "0..N-1")]
    public void Config_WithBadShardNumbering_IsRefusedWithTheReason(int local, int[] connected, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new CrossShardConfig { LocalShard = local, ConnectedShards = connected }.Validate());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_OutOfRangeSettings_AreRefusedByName()
    {
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => new CrossShardConfig { BatchSize = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("VoteTimeout", Assert.Throws<ArgumentException>(() => new CrossShardConfig { TransactionTimeout = TimeSpan.Zero }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("MaxPrepareRetries", Assert.Throws<ArgumentException>(() => new CrossShardConfig { RetryCount = -1 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("below the base", Assert.Throws<ArgumentException>(() => new CrossShardConfig { MaxRetryBackoff = TimeSpan.FromMilliseconds(1) }.Validate()).Message, StringComparison.Ordinal);
    }
}
