using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Network.Hosting;
using CrossShard.Network.Protos;
using CrossShard.Node.Api;
using CrossShard.Node.Receipts;
using CrossShard.Node.Runtime;
using Grpc.Core;

namespace CrossShard.Network.Client;

/// <summary>The client API of one node (client.proto, <c>ShardClient</c>) over its <see cref="EnhancedCrossShardManager"/>.</summary>
public sealed class ShardClientService : ShardClient.ShardClientBase
{
    private readonly NodeRuntime _runtime;

    /// <summary>Serves <paramref name="runtime"/>'s node.</summary>
    public ShardClientService(NodeRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
    }

    private EnhancedCrossShardManager Manager => _runtime.Manager;

    /// <inheritdoc />
    public override async Task<SubmitReply> Submit(SubmitRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        CheckVersion(request.ApiVersion);
        using var admitted = _runtime.TryAdmit() ?? throw NotServing();
        try
        {
            var outcome = await InitiateAsync(request.Nonce, request.Operations, request.WaitIfBusy, context.CancellationToken).ConfigureAwait(false);
            return ClientProtocol.ToReply(outcome);
        }
        catch (InvalidTransactionException e)
        {
            throw ClientProtocol.Refused(e.Error, e.Message);
        }
        catch (NodeBusyException)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, ClientProtocol.BusyDetail));
        }
        catch (NodeStoppedException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }
        catch (InvalidOperationException) when (!Manager.IsRunning)
        {
            // The node stopped between admission and submission: nothing was submitted.
            throw NotServing();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One call carries many transactions (a client's coalesced submissions), so the per-call cost of HTTP/2 and gRPC is
    /// paid once for all of them. Every item is submitted concurrently, exactly as <see cref="Submit"/> submits one, and
    /// its refusal is its own result: one bad item does not fail the others.
    /// </remarks>
    public override async Task<SubmitBatchReply> SubmitBatch(SubmitBatchRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        CheckVersion(request.ApiVersion);
        if (request.Items.Count > ClientProtocol.MaxSubmitBatch)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"at most {ClientProtocol.MaxSubmitBatch} items per batch, got {request.Items.Count}"));
        }

        using var admitted = _runtime.TryAdmit() ?? throw NotServing();
        var pending = new Task<SubmitResult>[request.Items.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = SubmitItemAsync(request.Items[i], request.WaitIfBusy, context.CancellationToken);
        }

        var reply = new SubmitBatchReply();
        reply.Results.AddRange(await Task.WhenAll(pending).ConfigureAwait(false));
        return reply;
    }

    private async Task<SubmitResult> SubmitItemAsync(SubmitItem item, bool waitIfBusy, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await InitiateAsync(item.Nonce, item.Operations, waitIfBusy, cancellationToken).ConfigureAwait(false);
            return new SubmitResult { Outcome = ClientProtocol.ToReply(outcome) };
        }
        catch (InvalidTransactionException e)
        {
            return ClientProtocol.ItemError(SubmitErrorKind.InvalidTransaction, e.Message, e.Error);
        }
        catch (NodeBusyException)
        {
            return ClientProtocol.ItemError(SubmitErrorKind.Busy, ClientProtocol.BusyDetail);
        }
        catch (NodeStoppedException e)
        {
            return ClientProtocol.ItemError(SubmitErrorKind.Unavailable, e.Message);
        }
        catch (InvalidOperationException) when (!Manager.IsRunning)
        {
            return ClientProtocol.ItemError(SubmitErrorKind.Unavailable, NotServing().Status.Detail);
        }
    }

    private Task<TransactionOutcome> InitiateAsync(ulong nonce, IEnumerable<Protos.Operation> operations, bool waitIfBusy, CancellationToken cancellationToken)
    {
        var transaction = new CrossShardTransaction(operations.Select(ClientProtocol.FromWire).ToList(), nonce);
        var admission = waitIfBusy ? AdmissionMode.WaitForSlot : AdmissionMode.FailWhenBusy;
        return Manager.InitiateCrossShardTransactionAsync(transaction, admission, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckVersion(request.ApiVersion);
        if (!TxId.TryParse(request.TxId, out var txId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"tx_id '{Shorten(request.TxId)}' is not 64 hex characters"));
        }

        var status = Manager.GetTransactionStatus(txId);
        var reply = new StatusReply { TxId = txId.ToString(), Phase = status.Phase.ToString() };
        if (status.Outcome is { } outcome)
        {
            reply.Decision = ClientProtocol.ToWire(outcome.Decision);
            reply.AbortReason = outcome.IsCommitted ? string.Empty : outcome.Reason.ToString();
            if (request.IncludeReceipt && Manager.CreateReceipt(txId) is { } receipt)
            {
                reply.ReceiptJson = ReceiptJson.Write(receipt);
            }
        }

        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override async Task<BalancesReply> GetBalances(BalancesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckVersion(request.ApiVersion);
        if (request.Accounts.Count > ClientProtocol.MaxAccountsPerRequest)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"at most {ClientProtocol.MaxAccountsPerRequest} accounts per request, got {request.Accounts.Count}"));
        }

        if (_runtime.State != NodeState.Serving)
        {
            throw NotServing();
        }

        try
        {
            var accounts = request.Accounts.ToList();
            var (total, balances) = await Manager.GetBalancesAsync(accounts).ConfigureAwait(false);
            var reply = new BalancesReply { Shard = Manager.LocalShard.Value, ShardTotal = total };
            for (var i = 0; i < accounts.Count; i++)
            {
                reply.Accounts.Add(new AccountBalance { Account = accounts[i], Exists = balances[i].HasValue, Balance = balances[i] ?? 0 });
            }

            return reply;
        }
        catch (NodeStoppedException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }
    }

    /// <inheritdoc />
    public override async Task<HealthReply> GetHealth(HealthRequest request, ServerCallContext context)
    {
        var health = await _runtime.HealthAsync().ConfigureAwait(false);
        var reply = new HealthReply
        {
            Shard = health.Shard,
            ClusterId = health.ClusterId,
            State = health.State,
            InFlight = health.InFlight,
            Coordinating = health.Coordinating,
            Participating = health.Participating,
        };
        reply.DownPeers.AddRange(health.DownPeers);
        reply.UnheardPeers.AddRange(health.UnheardPeers);
        return reply;
    }

    private RpcException NotServing() =>
        new(new Status(StatusCode.Unavailable, $"node {Manager.LocalShard} is {NodeHealth.NameOf(_runtime.State)}, not serving"));

    private static void CheckVersion(uint version)
    {
        if (version != ClientProtocol.ApiVersion)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"api_version {version} is not supported; this node speaks {ClientProtocol.ApiVersion}"));
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
