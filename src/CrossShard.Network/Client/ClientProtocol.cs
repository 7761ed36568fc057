using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Node.Api;
using Grpc.Core;
using CoreOperation = CrossShard.Core.Transactions.Operation;
using CoreOperationKind = CrossShard.Core.Transactions.OperationKind;
using WireOperation = CrossShard.Network.Protos.Operation;
using WireOperationKind = CrossShard.Network.Protos.OperationKind;

namespace CrossShard.Network.Client;

/// <summary>The mapping between the client API's protobuf messages and the library's types, shared by the service and the client.</summary>
public static class ClientProtocol
{
    /// <summary>The client API version of this build (<c>api_version</c> in every request).</summary>
    public const uint ApiVersion = 1;

    /// <summary>Trailer carrying the <see cref="TransactionError"/> name when a submission is refused before the protocol.</summary>
    public const string TransactionErrorTrailer = "crossshard-transaction-error";

    /// <summary>Most accounts one balances request may name.</summary>
    public const int MaxAccountsPerRequest = 10_000;

    /// <summary>Most transactions one <c>SubmitBatch</c> call may carry.</summary>
    public const int MaxSubmitBatch = 1024;

    /// <summary>The status detail of a submission refused because the node is at its in-flight limit.</summary>
    public const string BusyDetail = "busy, retry later";

    /// <summary>The wire form of a library operation.</summary>
    public static WireOperation ToWire(CoreOperation operation) => new()
    {
        Kind = operation.Kind switch
        {
            CoreOperationKind.Debit => WireOperationKind.Debit,
            CoreOperationKind.Credit => WireOperationKind.Credit,
            CoreOperationKind.Anchor => WireOperationKind.Anchor,
            _ => WireOperationKind.Unspecified,
        },
        Key = operation.Key ?? string.Empty,
        Amount = operation.Amount,
        AnchorShard = operation.Kind == CoreOperationKind.Anchor ? operation.AnchorShard.Value : 0,
    };

    /// <summary>
    /// The library operation of a wire one. An unknown kind becomes <see cref="TransactionError.MalformedOperation"/>;
    /// every other rule is the validator's, so the service and the library refuse exactly the same transactions.
    /// </summary>
    public static CoreOperation FromWire(WireOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Kind switch
        {
            WireOperationKind.Debit => new CoreOperation(CoreOperationKind.Debit, operation.Key, operation.Amount, default),
            WireOperationKind.Credit => new CoreOperation(CoreOperationKind.Credit, operation.Key, operation.Amount, default),
            WireOperationKind.Anchor when operation.Amount == 0 => CoreOperation.Anchor(new ShardId(operation.AnchorShard), operation.Key),
            _ => throw new InvalidTransactionException(TransactionError.MalformedOperation, InvalidTransactionException.Describe(TransactionError.MalformedOperation)),
        };
    }

    /// <summary>The result of a batch item refused or left without an outcome.</summary>
    public static Protos.SubmitResult ItemError(Protos.SubmitErrorKind kind, string detail, TransactionError error = TransactionError.None) => new()
    {
        Error = new Protos.SubmitError
        {
            Kind = kind,
            TransactionError = error == TransactionError.None ? string.Empty : error.ToString(),
            Detail = detail,
        },
    };

    /// <summary>The wire decision of an outcome.</summary>
    public static Protos.Decision ToWire(DecisionKind decision) =>
        decision == DecisionKind.Commit ? Protos.Decision.Commit : Protos.Decision.Abort;

    /// <summary>The submit reply of an outcome.</summary>
    public static Protos.SubmitReply ToReply(TransactionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new Protos.SubmitReply
        {
            TxId = outcome.Tx.ToString(),
            Decision = ToWire(outcome.Decision),
            AbortReason = outcome.IsCommitted ? string.Empty : outcome.Reason.ToString(),
            AbortShard = outcome.Shard?.Value ?? -1,
        };
    }

    /// <summary>The outcome a submit reply reports; throws <see cref="FormatException"/> on a reply this build cannot read.</summary>
    public static TransactionOutcome FromReply(Protos.SubmitReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var tx = TxId.Parse(reply.TxId);
        return reply.Decision switch
        {
            Protos.Decision.Commit => TransactionOutcome.Committed(tx),
            Protos.Decision.Abort => TransactionOutcome.Aborted(tx, ParseReason(reply.AbortReason), reply.AbortShard >= 0 ? new ShardId(reply.AbortShard) : null),
            _ => throw new FormatException($"the reply for {reply.TxId} has no decision"),
        };
    }

    /// <summary>The abort reason named on the wire; <see cref="AbortReason.None"/> for an empty name.</summary>
    public static AbortReason ParseReason(string name) =>
        string.IsNullOrEmpty(name) ? AbortReason.None
        : Enum.TryParse<AbortReason>(name, ignoreCase: false, out var reason) && Enum.IsDefined(reason) ? reason
        : throw new FormatException($"'{name}' is not an abort reason this build knows");

    /// <summary>The phase named on the wire.</summary>
    public static TransactionPhase ParsePhase(string name) =>
        Enum.TryParse<TransactionPhase>(name, ignoreCase: false, out var phase) && Enum.IsDefined(phase)
            ? phase
            : throw new FormatException($"'{name}' is not a transaction phase this build knows");

    /// <summary>
    /// The gRPC status of a submission refused before the protocol: the error's name leads the detail and travels in
    /// the <see cref="TransactionErrorTrailer"/> trailer, so a client can rebuild the typed error.
    /// </summary>
    public static RpcException Refused(TransactionError error, string message)
    {
        var code = error switch
        {
            TransactionError.ShardDown => StatusCode.Unavailable,
            TransactionError.DuplicateTransaction => StatusCode.AlreadyExists,
            _ => StatusCode.InvalidArgument,
        };
        return new RpcException(new Status(code, $"{error}: {message}"), new Metadata { { TransactionErrorTrailer, error.ToString() } });
    }

    /// <summary>The typed error a refusal carries, if the status has one.</summary>
    public static bool TryGetTransactionError(RpcException exception, out TransactionError error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        error = TransactionError.None;
        var value = exception.Trailers.GetValue(TransactionErrorTrailer);
        return value is not null && Enum.TryParse(value, ignoreCase: false, out error) && Enum.IsDefined(error) && error != TransactionError.None;
    }
}
