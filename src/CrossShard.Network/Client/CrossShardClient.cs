using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Network.Hosting;
using CrossShard.Network.Protos;
using CrossShard.Node.Api;
using CrossShard.Node.Manifest;
using Grpc.Core;
using Grpc.Net.Client;

namespace CrossShard.Network.Client;

/// <summary>
/// Talks to a multi-process cluster over the client API: one gRPC channel (cleartext HTTP/2) per node of the
/// manifest. A transaction goes to its coordinator, the owner of its first operation, so a transfer is coordinated
/// where the funds leave. Expected failures surface as typed exceptions: <see cref="InvalidTransactionException"/>,
/// <see cref="Node.Runtime.NodeBusyException"/>, <see cref="ClusterUnavailableException"/>.
/// </summary>
public sealed class CrossShardClient : IAsyncDisposable, IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly ShardClient.ShardClientClient[] _clients;
    private readonly CrossShardClientOptions _options;

    /// <summary>Creates a client of the cluster described by <paramref name="manifest"/>; no connection is made until the first call.</summary>
    public CrossShardClient(ClusterManifest manifest, CrossShardClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        _options = (options ?? new CrossShardClientOptions()).Validate();
        ShardMap = new ShardMap(manifest.ShardCount);
        _channels = [.. manifest.Shards.Select(static s => GrpcChannel.ForAddress($"http://{s.Endpoint}"))];
        _clients = [.. _channels.Select(static c => new ShardClient.ShardClientClient(c))];
    }

    /// <summary>The cluster this client talks to.</summary>
    public ClusterManifest Manifest { get; }

    /// <summary>The cluster's account-to-shard rule.</summary>
    public ShardMap ShardMap { get; }

    /// <summary>
    /// The shard whose node coordinates <paramref name="transaction"/>: the owner of its first operation, or with
    /// <see cref="CrossShardClientOptions.CoordinateAtLastParticipant"/> its participant last in shard order (shard 0 for none).
    /// </summary>
    public ShardId CoordinatorOf(CrossShardTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Operations.IsEmpty)
        {
            return new ShardId(0);
        }

        var owner = _options.CoordinateAtLastParticipant ? transaction.Transaction.ParticipantsIn(ShardMap)[^1] : transaction.Operations[0].ShardIn(ShardMap);
        // An anchor may name a shard outside the cluster; the node refuses it with the typed error.
        return ShardMap.Contains(owner) ? owner : new ShardId(0);
    }

    /// <summary>
    /// Submits <paramref name="transaction"/> to its coordinator and returns the outcome: committed (durable) or aborted
    /// with the reason. Throws <see cref="InvalidTransactionException"/> when refused up front,
    /// <see cref="Node.Runtime.NodeBusyException"/> when the node is full and <see cref="CrossShardClientOptions.WaitIfBusy"/>
    /// is off, and <see cref="ClusterUnavailableException"/> when the outcome is unknown.
    /// </summary>
    public async Task<TransactionOutcome> SubmitAsync(CrossShardTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var shard = CoordinatorOf(transaction);
        var request = new SubmitRequest { ApiVersion = ClientProtocol.ApiVersion, Nonce = transaction.Transaction.Nonce, WaitIfBusy = _options.WaitIfBusy };
        request.Operations.AddRange(transaction.Operations.Select(ClientProtocol.ToWire));
        var reply = await CallAsync(shard, transaction.Id, (c, o) => c.SubmitAsync(request, o), cancellationToken).ConfigureAwait(false);
        var outcome = ClientProtocol.FromReply(reply);
        if (outcome.Tx != transaction.Id)
        {
            throw new CrossShardClientException($"node {shard} answered for {outcome.Tx}, not {transaction.Id}", StatusCode.Internal);
        }

        return outcome;
    }

    /// <summary>
    /// Submits <paramref name="transactions"/> in <c>SubmitBatch</c> calls — one per coordinator, split at
    /// <see cref="ClientProtocol.MaxSubmitBatch"/> items, all concurrently — and returns one result per transaction, in
    /// order. A refusal, a busy node or a failed call is that item's <see cref="BatchSubmissionResult.Error"/>: the same
    /// typed exception <see cref="SubmitAsync"/> would throw for it.
    /// </summary>
    public async Task<IReadOnlyList<BatchSubmissionResult>> SubmitBatchAsync(IReadOnlyList<CrossShardTransaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var results = new BatchSubmissionResult[transactions.Count];
        var calls = new List<Task>();
        foreach (var group in Enumerable.Range(0, transactions.Count).GroupBy(i => CoordinatorOf(transactions[i]).Value))
        {
            foreach (var chunk in group.Chunk(ClientProtocol.MaxSubmitBatch))
            {
                calls.Add(SubmitChunkAsync(new ShardId(group.Key), transactions, chunk, results, cancellationToken));
            }
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
        return results;
    }

    /// <summary>Submits a transfer of <paramref name="amount"/> from one account to another, with a fresh nonce (see <see cref="SubmitAsync"/>).</summary>
    public Task<TransactionOutcome> SubmitTransferAsync(string from, string to, long amount, CancellationToken cancellationToken = default) =>
        SubmitAsync(CrossShardTransaction.Transfer(from, to, amount, _options.NextNonce()), cancellationToken);

    /// <summary>
    /// The status of <paramref name="txId"/>, asked of <paramref name="coordinator"/> when given, otherwise of every node
    /// until one knows it. <see cref="TransactionPhase.Unknown"/> only when every node answered and none knows it; a node
    /// that cannot be reached then is a <see cref="ClusterUnavailableException"/>.
    /// </summary>
    public async Task<ClientTransactionStatus> GetStatusAsync(TxId txId, bool includeReceipt = false, ShardId? coordinator = null, CancellationToken cancellationToken = default)
    {
        var request = new StatusRequest { ApiVersion = ClientProtocol.ApiVersion, TxId = txId.ToString(), IncludeReceipt = includeReceipt };
        var shards = coordinator is { } only ? [only] : Enumerable.Range(0, _clients.Length).Select(static i => new ShardId(i)).ToArray();
        ClusterUnavailableException? unreachable = null;
        foreach (var shard in shards)
        {
            StatusReply reply;
            try
            {
                reply = await CallAsync(shard, null, (c, o) => c.GetStatusAsync(request, o), cancellationToken).ConfigureAwait(false);
            }
            catch (ClusterUnavailableException e)
            {
                unreachable ??= e;
                continue;
            }

            var phase = ClientProtocol.ParsePhase(reply.Phase);
            if (phase != TransactionPhase.Unknown)
            {
                DecisionKind? decision = reply.Decision switch
                {
                    Protos.Decision.Commit => DecisionKind.Commit,
                    Protos.Decision.Abort => DecisionKind.Abort,
                    _ => null,
                };
                var receipt = string.IsNullOrEmpty(reply.ReceiptJson) ? null : reply.ReceiptJson;
                return new ClientTransactionStatus(txId, phase, decision, ClientProtocol.ParseReason(reply.AbortReason), shard, receipt);
            }
        }

        return unreachable is null
            ? new ClientTransactionStatus(txId, TransactionPhase.Unknown, null, AbortReason.None, null, null)
            : throw unreachable;
    }

    /// <summary>Every shard's total and their sum, plus the balances of <paramref name="accounts"/> (each read on the shard that owns it).</summary>
    public async Task<ClusterBalances> GetBalancesAsync(IEnumerable<string> accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var wanted = accounts.Distinct(StringComparer.Ordinal).ToList();
        var byShard = wanted.Where(AccountId.IsValid).GroupBy(a => ShardMap.ShardOf(a).Value).ToDictionary(static g => g.Key, static g => g.ToList());
        var totals = new long[_clients.Length];
        var found = new Dictionary<string, long?>(StringComparer.Ordinal);
        for (var i = 0; i < _clients.Length; i++)
        {
            var owned = byShard.GetValueOrDefault(i) ?? [];
            // Read in slices: one request names at most MaxAccountsPerRequest accounts.
            var offset = 0;
            do
            {
                var request = new BalancesRequest { ApiVersion = ClientProtocol.ApiVersion };
                request.Accounts.AddRange(owned.Skip(offset).Take(ClientProtocol.MaxAccountsPerRequest));
                var reply = await CallAsync(new ShardId(i), null, (c, o) => c.GetBalancesAsync(request, o), cancellationToken).ConfigureAwait(false);
                totals[i] = reply.ShardTotal;
                foreach (var balance in reply.Accounts)
                {
                    found[balance.Account] = balance.Exists ? balance.Balance : null;
                }

                offset += ClientProtocol.MaxAccountsPerRequest;
            }
            while (offset < owned.Count);
        }

        var result = wanted.ToDictionary(static a => a, a => found.GetValueOrDefault(a), StringComparer.Ordinal);
        return new ClusterBalances(totals, totals.Sum(), result);
    }

    /// <summary>The health of <paramref name="shard"/>'s node; an unreachable node is reported, not thrown.</summary>
    public async Task<NodeHealthReport> GetHealthAsync(ShardId shard, CancellationToken cancellationToken = default)
    {
        var endpoint = EndpointOf(shard);
        try
        {
            var reply = await CallAsync(shard, null, (c, o) => c.GetHealthAsync(new HealthRequest(), o), cancellationToken).ConfigureAwait(false);
            var health = new NodeHealth(reply.Shard, reply.ClusterId, reply.State, [.. reply.DownPeers], [.. reply.UnheardPeers], reply.InFlight, reply.Coordinating, reply.Participating);
            return new NodeHealthReport(shard, endpoint, health, null);
        }
        catch (ClusterUnavailableException e)
        {
            return new NodeHealthReport(shard, endpoint, null, e.Message);
        }
    }

    /// <summary>The health of every node, by shard.</summary>
    public async Task<IReadOnlyList<NodeHealthReport>> GetClusterHealthAsync(CancellationToken cancellationToken = default)
    {
        var reports = new NodeHealthReport[_clients.Length];
        for (var i = 0; i < reports.Length; i++)
        {
            reports[i] = await GetHealthAsync(new ShardId(i), cancellationToken).ConfigureAwait(false);
        }

        return reports;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private string EndpointOf(ShardId shard) => Manifest.Shards[shard.Value].Endpoint;

    private async Task SubmitChunkAsync(ShardId shard, IReadOnlyList<CrossShardTransaction> transactions, int[] indexes, BatchSubmissionResult[] results, CancellationToken cancellationToken)
    {
        var request = new SubmitBatchRequest { ApiVersion = ClientProtocol.ApiVersion, WaitIfBusy = _options.WaitIfBusy };
        foreach (var i in indexes)
        {
            var item = new SubmitItem { Nonce = transactions[i].Transaction.Nonce };
            item.Operations.AddRange(transactions[i].Operations.Select(ClientProtocol.ToWire));
            request.Items.Add(item);
        }

        SubmitBatchReply reply;
        try
        {
            reply = await CallAsync(shard, null, (c, o) => c.SubmitBatchAsync(request, o), cancellationToken).ConfigureAwait(false);
            if (reply.Results.Count != indexes.Length)
            {
                throw new CrossShardClientException($"node {shard} answered {reply.Results.Count} results for {indexes.Length} items", StatusCode.Internal);
            }
        }
        catch (Exception e) when (e is CrossShardClientException or Node.Runtime.NodeBusyException or InvalidTransactionException)
        {
            // The call failed as a whole: each of its items carries the failure, and the other calls' results stand.
            foreach (var i in indexes)
            {
                results[i] = new BatchSubmissionResult(transactions[i].Id, null, e);
            }

            return;
        }

        for (var k = 0; k < indexes.Length; k++)
        {
            var transaction = transactions[indexes[k]];
            results[indexes[k]] = ResultOf(shard, transaction.Id, reply.Results[k]);
        }
    }

    private BatchSubmissionResult ResultOf(ShardId shard, TxId tx, SubmitResult result)
    {
        if (result.ResultCase == SubmitResult.ResultOneofCase.Outcome)
        {
            var outcome = ClientProtocol.FromReply(result.Outcome);
            return outcome.Tx == tx
                ? new BatchSubmissionResult(tx, outcome, null)
                : new BatchSubmissionResult(tx, null, new CrossShardClientException($"node {shard} answered for {outcome.Tx}, not {tx}", StatusCode.Internal));
        }

        var error = result.Error ?? new SubmitError();
        var endpoint = EndpointOf(shard);
        Exception failure = error.Kind switch
        {
            SubmitErrorKind.InvalidTransaction when Enum.TryParse<TransactionError>(error.TransactionError, ignoreCase: false, out var refused) && Enum.IsDefined(refused) && refused != TransactionError.None =>
                new InvalidTransactionException(refused, error.Detail),
            SubmitErrorKind.Busy => new Node.Runtime.NodeBusyException(shard, $"node {shard} at {endpoint}: {error.Detail}"),
            SubmitErrorKind.Unavailable =>
                new ClusterUnavailableException(shard, endpoint, tx, $"node {shard} at {endpoint} is unavailable: {error.Detail}; the outcome of {tx} is unknown, ask its status later", StatusCode.Unavailable),
            _ => new CrossShardClientException($"node {shard} at {endpoint} gave item {tx} no usable result ({error.Kind}: {error.Detail})", StatusCode.Internal),
        };
        return new BatchSubmissionResult(tx, null, failure);
    }

    private async Task<T> CallAsync<T>(ShardId shard, TxId? txId, Func<ShardClient.ShardClientClient, CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        if (!ShardMap.Contains(shard))
        {
            throw new ArgumentOutOfRangeException(nameof(shard), $"{shard} is not in {Manifest}");
        }

        // The deadline travels to the node, which stops waiting for a slot when it passes.
        var options = new CallOptions(deadline: (_options.Time.GetUtcNow() + _options.CallTimeout).UtcDateTime, cancellationToken: cancellationToken);
        try
        {
            return await call(_clients[shard.Value], options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw RpcFailures.Translate(e, shard, EndpointOf(shard), txId, cancellationToken);
        }
    }
}
