using CrossShard.Cli;
using CrossShard.Core;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CrossShard.Core.Participation;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;
using CrossShard.Storage;

namespace CrossShard.Cli.Tests;

public sealed class TxResolveCommandTests : IDisposable
{
    private static readonly StoreIdentity Identity = new("ops-test", new ShardId(0), 2);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"xshard-tx-{Guid.NewGuid():N}");
    private readonly TxId _tx = Transaction.Transfer(9, new AccountId("alice"), new AccountId("bob"), 30).Id;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => Xshard.RunAsync(args);

    // A stopped shard that voted YES on a transfer and never heard the decision.
    private async Task CreateInDoubtStoreAsync()
    {
        await using var store = new RocksDbShardStore(_dir);
        await store.OpenAsync(Identity, new Dictionary<string, long> { ["alice"] = 100 }, CancellationToken.None);
        var prepared = new PreparedRecord(_tx, new ShardId(1), [new ShardId(0), new ShardId(1)], 5, [new KeyWrite("alice", false, new AccountState(70, 1))], ["alice"]);
        await store.AppendAsync([prepared], sync: true, CancellationToken.None);
    }

    [Fact]
    public async Task InDoubt_ListsTheTransaction_ResolveCommit_AppliesAuditsAndMarksItHeuristic()
    {
        await CreateInDoubtStoreAsync();

        var listed = await RunAsync("tx", "in-doubt", "--store", _dir);
        Assert.Equal(XshardApp.Ok, listed.Code);
        Assert.Contains(_tx.ToString(), listed.Out, StringComparison.Ordinal);

        var resolved = await RunAsync("tx", "resolve", _tx.ToString(), "--commit", "--store", _dir);
        Assert.True(resolved.Code == XshardApp.Ok, resolved.Err);
        Assert.Contains("heuristic commit", resolved.Out, StringComparison.Ordinal);
        var audit = await File.ReadAllLinesAsync(Path.Combine(_dir, "heuristic-decisions.jsonl"));
        Assert.Contains(_tx.ToString(), Assert.Single(audit), StringComparison.Ordinal);

        await using var store = new RocksDbShardStore(_dir);
        var state = await store.OpenAsync(Identity, new Dictionary<string, long>(), CancellationToken.None);
        Assert.Empty(state.InDoubt);
        Assert.Equal(70, state.Accounts["alice"].Balance);
        Assert.Contains(_tx, state.HeuristicDecisions);

        // The restarted participant still knows the decision was a guess: a contradicting real one raises the alarm.
        var ledger = new ShardLedger();
        ledger.Restore(state.Accounts, state.Anchors);
        var participant = new Participant(new ShardId(0), new ShardMap(2), ledger, new ProtocolOptions(), new SeededRandom(1));
        var fx = new EffectBuffer();
        participant.Recover(state.InDoubt, state.Decided, TimeSpan.Zero, fx, state.HeuristicDecisions);
        participant.Handle(new Decision(_tx, new ShardId(1), DecisionKind.Abort), TimeSpan.Zero, fx);
        Assert.Contains(fx.Events, e => e.Kind == ProtocolEventKind.HeuristicMixed);
    }

    [Fact]
    public async Task Resolve_OfATransactionNotInDoubt_ChangesNothing()
    {
        await CreateInDoubtStoreAsync();
        var other = Transaction.Transfer(10, new AccountId("alice"), new AccountId("bob"), 1).Id;

        var (code, _, error) = await RunAsync("tx", "resolve", other.ToString(), "--abort", "--store", _dir);

        Assert.Equal(1, code);
        Assert.Contains("is not in doubt", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "heuristic-decisions.jsonl")));
    }

    [Fact]
    public async Task Resolve_WhileTheStoreIsOpen_IsRefusedWithOneLine()
    {
        await CreateInDoubtStoreAsync();
        await using var running = new RocksDbShardStore(_dir);
        await running.OpenAsync(Identity, new Dictionary<string, long>(), CancellationToken.None);

        var (code, _, error) = await RunAsync("tx", "resolve", _tx.ToString(), "--abort", "--store", _dir);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("tx resolve 00 --commit --store x", "not a transaction id")]
    [InlineData("tx resolve 0000000000000000000000000000000000000000000000000000000000000000 --store x", "exactly one of --commit or --abort")]
    [InlineData("tx in-doubt", "--store")]
    public async Task BadInput_IsAUsageError(string commandLine, string expected)
    {
        Xshard.AssertUsageError(await RunAsync(commandLine.Split(' ')), expected);
    }
}
