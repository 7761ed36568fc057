using CrossShard.Core;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Messages;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Receipts;
using CrossShard.Node.Runtime;
using CrossShard.Storage;
using CrossShard.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrossShard.Node.Api;

/// <summary>
/// The library entry point of one shard node, in the shape of the original design: create it with a config and a
/// network, open accounts, <see cref="Start"/>, submit with <see cref="InitiateCrossShardTransactionAsync(CrossShardTransaction, CancellationToken)"/>, ask
/// <see cref="GetTransactionStatus(TxId)"/>, <see cref="StopAsync"/>.
/// </summary>
public sealed class EnhancedCrossShardManager : IAsyncDisposable
{
    private readonly ShardLedger _ledger = new();
    private readonly Dictionary<string, long> _genesis = new(StringComparer.Ordinal);
    private readonly IShardStore _store;
    private readonly ShardNode _node;
    private readonly TransactionStatusTracker _statuses;
    private readonly ShardMap _map;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReceiptSigner? _receipts;
    private int _state; // 0 created, 1 started, 2 stopped

    /// <summary>Creates the node of <see cref="CrossShardConfig.LocalShard"/>; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="config">The node's settings (validated here).</param>
    /// <param name="network">The network shared with the other shards' nodes.</param>
    /// <param name="store">The write-ahead log; an in-memory one when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="random">The jitter source; seeded from the OS when null.</param>
    /// <param name="logger">Where the node logs; nowhere when null.</param>
    /// <param name="observer">Receives every protocol event of this node (traces, metrics, checkers).</param>
    /// <param name="identity">This node's signing identity, for receipts; none when null.</param>
    public EnhancedCrossShardManager(
        CrossShardConfig config,
        IShardNetwork network,
        IShardStore? store = null,
        TimeProvider? time = null,
        IRandomSource? random = null,
        ILogger? logger = null,
        IProtocolObserver? observer = null,
        ISigner? identity = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(network);
        Config = config.Validate();
        Network = network;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _receipts = identity is null ? null : new ReceiptSigner(identity, config.ClusterId);
        _map = new ShardMap(config.AllShards().Count);
        // The node's protocol clock starts at zero now (ShardNode); ages go on the wall clock so that nodes compare them.
        var options = config.ToProtocolOptions() with { AgeOrigin = _time.GetUtcNow() - DateTimeOffset.UnixEpoch };
        random ??= new SeededRandom(System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue));
        var protocol = new ShardProtocol(config.LocalShardId, _map, _ledger, options, random);
        _statuses = new TransactionStatusTracker(config.LocalShardId, config.StatusRetention, observer);
        _store = store ?? new InMemoryShardStore();
        _node = new ShardNode(
            protocol,
            _store,
            network,
            _time,
            config.ToNodeSettings(),
            _logger,
            _statuses);
    }

    /// <summary>The network this node sends through (a signing one unless signatures are off).</summary>
    public IShardNetwork Network { get; }

    /// <summary>The validated settings.</summary>
    public CrossShardConfig Config { get; }

    /// <summary>The cluster's account-to-shard rule.</summary>
    public ShardMap ShardMap => _map;

    /// <summary>The shard this node owns.</summary>
    public ShardId LocalShard => Config.LocalShardId;

    /// <summary>True between <see cref="Start"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == 1;

    /// <summary>The node's event loop, for inspection by tests and tools.</summary>
    public ShardNode Node => _node;

    /// <summary>
    /// Genesis: opens an account owned by this shard with an opening balance. Only before <see cref="Start"/>;
    /// an account of another shard, an invalid id, a duplicate or a negative balance is refused. Genesis applies
    /// when the store is new; a store that already holds state keeps its own balances.
    /// </summary>
    public void OpenAccount(string account, long balance)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            throw new InvalidOperationException("accounts are opened before the node starts (genesis)");
        }

        if (!AccountId.TryCreate(account, out var id))
        {
            throw new ArgumentException($"invalid account id '{account}'", nameof(account));
        }

        var owner = _map.ShardOf(id);
        if (owner != LocalShard)
        {
            throw new ArgumentException($"account '{account}' belongs to {owner}, not {LocalShard}", nameof(account));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(balance);
        if (!_genesis.TryAdd(account, balance))
        {
            throw new InvalidOperationException($"account '{account}' already exists");
        }
    }

    /// <summary>True when the last start resumed from a store that already held state (a restart, not a genesis).</summary>
    public bool Resumed { get; private set; }

    /// <summary>Opens the store (creating it from the genesis, or recovering it), connects to the network and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the manager was already started");
        }

        try
        {
            var identity = new StoreIdentity(Config.ClusterId, LocalShard, _map.ShardCount);
            var recovered = await _store.OpenAsync(identity, _genesis, cancellationToken).ConfigureAwait(false);
            Resumed = !recovered.IsNew;
            _ledger.Restore(recovered.Accounts, recovered.Anchors);
            _node.Start(recovered);
        }
        catch
        {
            Volatile.Write(ref _state, 2);
            throw;
        }
    }

    /// <summary>Synchronous <see cref="StartAsync"/>, for the original API's <c>Start()</c>.</summary>
    public void Start() => StartAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="transaction"/> with this node as coordinator and returns its outcome: committed (durable on
    /// every participant's decision path) or aborted with the reason. Throws <see cref="InvalidTransactionException"/>
    /// with a typed error when it is refused up front (nothing applied, no lock taken), and
    /// <see cref="NodeStoppedException"/> when the node stops before the outcome is known (ask the status later).
    /// </summary>
    public Task<TransactionOutcome> InitiateCrossShardTransactionAsync(CrossShardTransaction transaction, CancellationToken cancellationToken = default) =>
        InitiateCrossShardTransactionAsync(transaction, AdmissionMode.WaitForSlot, cancellationToken);

    /// <summary>
    /// <see cref="InitiateCrossShardTransactionAsync(CrossShardTransaction, CancellationToken)"/> with a choice of what
    /// happens when the node is at <see cref="CrossShardConfig.MaxInFlight"/>: wait for a slot (the default), or throw
    /// <see cref="NodeBusyException"/> at once with nothing submitted (<see cref="AdmissionMode.FailWhenBusy"/>).
    /// </summary>
    public async Task<TransactionOutcome> InitiateCrossShardTransactionAsync(CrossShardTransaction transaction, AdmissionMode admission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (Volatile.Read(ref _state) != 1)
        {
            throw new InvalidOperationException("the manager is not running; call Start first");
        }

        foreach (var shard in new[] { transaction.FromShard, transaction.ToShard })
        {
            if (shard is { } s && !_map.Contains(new ShardId(s)))
            {
                throw new InvalidTransactionException(TransactionError.UnknownShard, $"shard {s} is not in this cluster of {_map.ShardCount} shards");
            }
        }

        // Validated first: a malformed transaction has no participants to remember.
        var error = TransactionValidator.Validate(transaction.Transaction, _map);
        if (error != TransactionError.None)
        {
            throw new InvalidTransactionException(error, InvalidTransactionException.Describe(error));
        }

        _statuses.Expect(transaction.Id, transaction.Transaction.ParticipantsIn(_map));
        try
        {
            return await _node.SubmitAsync(transaction.Transaction, admission, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidTransactionException ex) when (ex.Error != TransactionError.DuplicateTransaction)
        {
            _statuses.Forget(transaction.Id);
            throw;
        }
        catch (NodeBusyException)
        {
            _statuses.Forget(transaction.Id);
            throw;
        }
    }

    /// <summary>
    /// A receipt signed by this node for a decided transaction it coordinated: id, decision, participants,
    /// coordinator, signed with ML-DSA (verifiable offline with <c>xshard receipt verify</c> and the manifest).
    /// Null while the transaction is undecided or unknown here.
    /// </summary>
    public TransactionReceipt? CreateReceipt(TxId txId)
    {
        if (_receipts is null)
        {
            throw new InvalidOperationException("this node has no signing identity, so it cannot sign receipts");
        }

        var status = _statuses.Get(txId);
        if (status.Outcome is not { } outcome || status.Participants.IsDefault)
        {
            return null;
        }

        return _receipts.Sign(txId, outcome.Decision, outcome.Reason, status.Participants, LocalShard, _time.GetUtcNow());
    }

    /// <summary>The phase of a transaction this node coordinates, and whether it is complete.</summary>
    public TransactionStatus GetTransactionStatus(TxId txId) => _statuses.Get(txId);

    /// <summary>The status by the id's 64-character hex form; throws <see cref="FormatException"/> for anything else.</summary>
    public TransactionStatus GetTransactionStatus(string txId) => _statuses.Get(TxId.Parse(txId));

    /// <summary>
    /// The operator's heuristic decision for a transaction this shard is in doubt about (it voted YES and cannot
    /// reach a decision): applied, logged durably and audited before this returns true. Returns false — changing
    /// nothing — when the transaction is not in doubt here. Never automatic: if the real decision later differs,
    /// the node raises the "heuristic mixed" alarm (critical log, metric <c>crossshard.heuristic.mixed</c>).
    /// </summary>
    public async Task<bool> ResolveInDoubtAsync(TxId txId, DecisionKind decision)
    {
        var applied = await _node.CommandAsync((p, now, fx) => p.Participant.ResolveHeuristically(txId, decision, now, fx)).ConfigureAwait(false);
        if (applied)
        {
            LogMessages.HeuristicDecided(_logger, LocalShard, txId, decision);
        }

        return applied;
    }

    /// <summary>The transactions this shard is in doubt about (voted YES, no decision yet).</summary>
    public Task<IReadOnlyList<TxId>> InDoubtAsync() =>
        _node.InspectAsync<IReadOnlyList<TxId>>(static p => p.Participant.PreparedWrites.Select(static w => w.Tx).ToList());

    /// <summary>The balance of an account of this shard, or null if it does not exist here.</summary>
    public Task<long?> GetBalanceAsync(string account) =>
        _node.InspectAsync<long?>(p => p.Participant.Ledger.TryGet(account, out var state) ? state.Balance : null);

    /// <summary>Client transactions this node coordinates that are admitted and not yet answered.</summary>
    public int InFlight => _node.InFlight;

    /// <summary>The peers this node's failure detector currently believes down, ascending.</summary>
    public Task<IReadOnlyList<ShardId>> DownPeersAsync() =>
        _node.InspectAsync<IReadOnlyList<ShardId>>(static p => p.Liveness.Down.OrderBy(static s => s.Value).ToList());

    /// <summary>
    /// One consistent read of this shard: its total and the balance of each of <paramref name="accounts"/> (null where
    /// the account does not exist here), taken together on the node's loop.
    /// </summary>
    public Task<(long Total, IReadOnlyList<long?> Balances)> GetBalancesAsync(IReadOnlyList<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return _node.InspectAsync<(long, IReadOnlyList<long?>)>(p =>
        {
            var ledger = p.Participant.Ledger;
            var balances = accounts.Select(a => ledger.TryGet(a, out var state) ? state.Balance : (long?)null).ToList();
            return (ledger.TotalBalance(), balances);
        });
    }

    /// <summary>The sum of all balances on this shard.</summary>
    public Task<long> GetShardTotalAsync() => _node.InspectAsync(static p => p.Participant.Ledger.TotalBalance());

    /// <summary>Stops serving; clients still waiting get <see cref="NodeStoppedException"/>.</summary>
    public async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 1)
        {
            await _node.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous <see cref="StopAsync"/>, for the original API's <c>Stop()</c>.</summary>
    public void Stop() => StopAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync();
}
