using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Receipts;
using CrossShard.Node.Tests.Manifest;
using static CrossShard.Node.Tests.Receipts.ReceiptTestData;

namespace CrossShard.Node.Tests.Receipts;

public sealed class ReceiptLayoutTests
{
    [Fact]
    public void SignedBytes_MatchTheDocumentedLayout_ByteForByte()
    {
        var tx = TxId.FromBytes(Enumerable.Repeat((byte)0x11, 32).ToArray());
        var receipt = new ReceiptSigner(ManifestTestData.Identity(0), "c")
            .Sign(tx, DecisionKind.Abort, AbortReason.LockConflict, [new ShardId(258), new ShardId(0)], new ShardId(1), DateTimeOffset.FromUnixTimeMilliseconds(0x0102030405));

        var expected =
            "58535243" + "0100" + "0100" + "63" // magic "XSRC", version 1, cluster id length 1, "c"
            + string.Concat(Enumerable.Repeat("11", 32)) // tx id
            + "02" + "02" // abort, lock conflict
            + "01000000" // coordinator 1
            + "0504030201000000" // issued at
            + "0200" + "00000000" + "02010000"; // 2 participants: 0, 258
        Assert.Equal(expected, Convert.ToHexStringLower(receipt.GetSignedBytes()));
        Assert.Equal(ReceiptLayout.FixedSize + 1 + 8, receipt.GetSignedBytes().Length);
    }

    [Fact]
    public void SignedBytes_DecodeBackToTheSameReceipt()
    {
        var receipt = Commit();

        Assert.Equal(receipt, DecodeLayout(receipt.GetSignedBytes(), receipt.Signature));
    }

    [Fact]
    public void Signature_UsesTheReceiptContextString()
    {
        var receipt = Commit();
        var verifier = MlDsa.CreateVerifier(ManifestTestData.Identity(0).PublicKey);

        Assert.Equal("crossshard/v1/receipt", SignatureContext.Receipt.ToString());
        Assert.True(verifier.Verify(receipt.GetSignedBytes(), receipt.Signature, SignatureContext.FromString("crossshard/v1/receipt")));
        Assert.False(verifier.Verify(receipt.GetSignedBytes(), receipt.Signature, SignatureContext.FromString("crossshard/v1/receipts")));
    }
}
