using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Network.Client;
using Grpc.Core;
using WireOperation = CrossShard.Network.Protos.Operation;
using WireOperationKind = CrossShard.Network.Protos.OperationKind;

namespace CrossShard.Cli.Tests.Cluster;

/// <summary>The client API's mapping between protobuf messages and library types, which the service and the client share.</summary>
public sealed class ClientProtocolTests
{
    private static readonly TxId Tx = CrossShard.Node.Api.CrossShardTransaction.Transfer("a", "b", 1, 9).Id;

    [Fact]
    public void Operations_RoundTripThroughTheWire()
    {
        Operation[] operations = [Operation.Debit(new AccountId("a"), 5), Operation.Credit(new AccountId("b"), 5), Operation.Anchor(new ShardId(2), "h")];

        var back = operations.Select(ClientProtocol.ToWire).Select(ClientProtocol.FromWire);

        Assert.Equal(operations, back);
    }

    [Theory]
    [InlineData(WireOperationKind.Unspecified, 5)]
    [InlineData(WireOperationKind.Anchor, 3)]
    [InlineData((WireOperationKind)42, 1)]
    public void FromWire_UnknownKindOrAnchorWithAmount_IsMalformed(WireOperationKind kind, long amount)
    {
        var error = Assert.Throws<InvalidTransactionException>(() => ClientProtocol.FromWire(new WireOperation { Kind = kind, Key = "k", Amount = amount }));

        Assert.Equal(TransactionError.MalformedOperation, error.Error);
    }

    [Fact]
    public void Outcomes_RoundTripThroughTheReply()
    {
        var committed = TransactionOutcome.Committed(Tx);
        var aborted = TransactionOutcome.Aborted(Tx, AbortReason.InsufficientFunds, new ShardId(3));
        var noShard = TransactionOutcome.Aborted(Tx, AbortReason.VoteTimeout, null);

        Assert.Equal(committed, ClientProtocol.FromReply(ClientProtocol.ToReply(committed)));
        Assert.Equal(aborted, ClientProtocol.FromReply(ClientProtocol.ToReply(aborted)));
        Assert.Equal(noShard, ClientProtocol.FromReply(ClientProtocol.ToReply(noShard)));
        Assert.Equal(-1, ClientProtocol.ToReply(noShard).AbortShard);
        Assert.Equal("InsufficientFunds", ClientProtocol.ToReply(aborted).AbortReason);
    }

    [Theory]
    [InlineData(TransactionError.Unbalanced, StatusCode.InvalidArgument)]
    [InlineData(TransactionError.DuplicateTransaction, StatusCode.AlreadyExists)]
    [InlineData(TransactionError.ShardDown, StatusCode.Unavailable)]
    public void Refused_CarriesTheTypedErrorInItsTrailer(TransactionError error, StatusCode expected)
    {
        var refused = ClientProtocol.Refused(error, "why");

        Assert.Equal(expected, refused.StatusCode);
        Assert.StartsWith($"{error}: ", refused.Status.Detail, StringComparison.Ordinal);
        Assert.True(ClientProtocol.TryGetTransactionError(new RpcException(refused.Status, refused.Trailers), out var parsed));
        Assert.Equal(error, parsed);
    }

    [Fact]
    public void TryGetTransactionError_WithoutOrWithAnUnknownTrailer_IsFalse()
    {
        Assert.False(ClientProtocol.TryGetTransactionError(new RpcException(new Status(StatusCode.InvalidArgument, "x")), out _));
        var unknown = new Metadata { { ClientProtocol.TransactionErrorTrailer, "Gremlins" } };
        Assert.False(ClientProtocol.TryGetTransactionError(new RpcException(new Status(StatusCode.InvalidArgument, "x"), unknown), out _));
    }

    [Fact]
    public void ParseReasonAndPhase_RefuseNamesThisBuildDoesNotKnow()
    {
        Assert.Equal(AbortReason.None, ClientProtocol.ParseReason(string.Empty));
        Assert.Throws<FormatException>(() => ClientProtocol.ParseReason("Solar flare"));
        Assert.Throws<FormatException>(() => ClientProtocol.ParsePhase("99"));
        Assert.Equal(CrossShard.Node.Api.TransactionPhase.Committing, ClientProtocol.ParsePhase("Committing"));
    }
}
