using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class TransactionValidatorTests
{
    private static readonly AccountId Alice = new("alice");
    private static readonly AccountId Bob = new("bob");
    private static readonly AccountId Carol = new("carol");

    public static TheoryData<string, Transaction, TransactionError> Cases => new()
    {
        { "transfer", TestData.Transfer("alice", "bob", 5), TransactionError.None },
        { "split", new Transaction(1, [Operation.Debit(Alice, 10), Operation.Credit(Bob, 4), Operation.Credit(Carol, 6)]), TransactionError.None },
        { "anchors", new Transaction(0, [Operation.Anchor(new ShardId(0), "h"), Operation.Anchor(new ShardId(1), "h")]), TransactionError.None },
        { "empty", new Transaction(1, []), TransactionError.EmptyOperations },
        { "oversized", new Transaction(1, [.. Enumerable.Range(0, 65).Select(i => Operation.Anchor(new ShardId(0), $"k{i}"))]), TransactionError.TooManyOperations },
        { "zero", TestData.Transfer("alice", "bob", 0), TransactionError.NonPositiveAmount },
        { "negative", TestData.Transfer("alice", "bob", -5), TransactionError.NonPositiveAmount },
        { "self", TestData.Transfer("alice", "alice", 5), TransactionError.SelfTransfer },
        { "twice", new Transaction(1, [Operation.Debit(Alice, 5), Operation.Debit(Alice, 5), Operation.Credit(Bob, 10)]), TransactionError.DuplicateKey },
        { "unbalanced", new Transaction(1, [Operation.Debit(Alice, 5), Operation.Credit(Bob, 6)]), TransactionError.Unbalanced },
        { "credit only", new Transaction(1, [Operation.Credit(Bob, 6)]), TransactionError.Unbalanced },
        { "overflow", new Transaction(1, [Operation.Debit(Alice, long.MaxValue), Operation.Debit(Carol, 1), Operation.Credit(Bob, long.MaxValue)]), TransactionError.AmountOverflow },
        { "bad id", new Transaction(1, [new Operation(OperationKind.Debit, "bad\nid", 5, default), Operation.Credit(Bob, 5)]), TransactionError.InvalidAccountId },
        { "empty id", new Transaction(1, [new Operation(OperationKind.Debit, "", 5, default), Operation.Credit(Bob, 5)]), TransactionError.InvalidAccountId },
        { "unknown shard", new Transaction(0, [Operation.Anchor(new ShardId(7), "h")]), TransactionError.UnknownShard },
        { "anchor amount", new Transaction(0, [new Operation(OperationKind.Anchor, "h", 3, new ShardId(0))]), TransactionError.MalformedOperation },
        { "unknown kind", new Transaction(0, [new Operation((OperationKind)9, "h", 3, default)]), TransactionError.MalformedOperation },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_ReturnsTheTypedError(string name, Transaction tx, TransactionError expected)
    {
        Assert.True(Enum.IsDefined(expected), name);
        Assert.Equal(expected, TransactionValidator.Validate(tx, TestData.Map));
    }

    [Fact]
    public void Describe_NamesEveryError()
    {
        foreach (var error in Enum.GetValues<TransactionError>().Where(e => e != TransactionError.None))
        {
            Assert.NotEqual(error.ToString(), InvalidTransactionException.Describe(error));
        }
    }
}
