using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

public sealed class TransactionCodecTests
{
    [Fact]
    public void Encode_ThenDecode_GivesTheSameTransactionAndId()
    {
        var tx = new Transaction(77, [Operation.Debit(new AccountId("alice"), 5), Operation.Credit(new AccountId("bob"), 5), Operation.Anchor(new ShardId(2), "h1")]);

        var decoded = TransactionCodec.Decode(TransactionCodec.Encode(tx));

        Assert.Equal(tx.Nonce, decoded.Nonce);
        Assert.Equal(tx.Operations, decoded.Operations);
        Assert.Equal(tx.Id, decoded.Id);
    }

    [Fact]
    public void EncodedSize_IsTheEncodingsLength_EveryTimeItIsAsked()
    {
        // Multi-byte UTF-8 keys: a size counted in chars instead of bytes would be short.
        var tx = new Transaction(3, [Operation.Debit(new AccountId("ålice"), 5), Operation.Credit(new AccountId("bøb-€"), 5)]);

        var first = TransactionCodec.EncodedSize(tx);
        var second = TransactionCodec.EncodedSize(tx);

        Assert.Equal(TransactionCodec.Encode(tx).Length, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Id_IsSha3OfTheCanonicalEncoding()
    {
        var tx = TestData.Transfer("alice", "bob", 10);

        var expected = System.Security.Cryptography.SHA3_256.HashData(TransactionCodec.Encode(tx));

        Assert.Equal(expected, tx.Id.ToBytes());
    }

    [Fact]
    public void Id_DiffersWhenNonceOrAmountDiffers()
    {
        var a = TestData.Transfer("alice", "bob", 10, nonce: 1);

        Assert.NotEqual(a.Id, TestData.Transfer("alice", "bob", 10, nonce: 2).Id);
        Assert.NotEqual(a.Id, TestData.Transfer("alice", "bob", 11, nonce: 1).Id);
        Assert.Equal(a.Id, TestData.Transfer("alice", "bob", 10, nonce: 1).Id);
    }

    [Fact]
    public void Encoding_IsStableAcrossBuilds()
    {
        // A golden value: changing the canonical encoding changes every transaction id, which must be a deliberate, versioned act.
        var tx = TestData.Transfer("alice", "bob", 10, nonce: 1);

        Assert.Equal("010100000000000000020001000000000500616c6963650a0000000000000002000000000300626f620a00000000000000", Convert.ToHexStringLower(TransactionCodec.Encode(tx)));
    }

    [Theory]
    [InlineData("", "truncated")]
    [InlineData("02", "version")]
    [InlineData("0101000000000000000100", "truncated in operation 0")]
    [InlineData("010100000000000000000000", "trailing")]
    [InlineData("0101000000000000000100" + "09" + "00000000" + "0000" + "0000000000000000", "unknown kind")]
    public void Decode_RejectsMalformedInputWithAReason(string hex, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => TransactionCodec.Decode(Convert.FromHexString(hex)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RejectsTooManyOperations()
    {
        var bytes = new byte[11];
        bytes[0] = 1;
        bytes[9] = 65;

        var ex = Assert.Throws<FormatException>(() => TransactionCodec.Decode(bytes));
        Assert.Contains("at most 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TxId_HexRoundTrips_AndRejectsGarbage()
    {
        var id = TestData.Transfer("alice", "bob", 10).Id;

        Assert.Equal(id, TxId.Parse(id.ToString()));
        Assert.False(TxId.TryParse("xyz", out _));
        Assert.False(TxId.TryParse(new string('g', 64), out _));
        Assert.Throws<FormatException>(() => TxId.Parse("00"));
    }
}
