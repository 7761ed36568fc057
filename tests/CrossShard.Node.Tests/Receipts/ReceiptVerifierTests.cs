using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using CrossShard.Node.Receipts;
using static CrossShard.Node.Tests.Manifest.ManifestTestData;
using static CrossShard.Node.Tests.Receipts.ReceiptTestData;

namespace CrossShard.Node.Tests.Receipts;

public sealed class ReceiptVerifierTests
{
    private static readonly ReceiptVerifier Verifier = new(TestManifest(3, ClusterId));

    [Fact]
    public void Sign_Verify_CommitIsValid()
    {
        var receipt = Commit(coordinator: 1);

        var result = Verifier.Verify(receipt);

        Assert.Equal(ReceiptVerificationStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal($"valid: commit {Tx} signed by shard-1", result.Detail);
        Assert.Equal([new ShardId(0), new ShardId(2)], receipt.Participants);
        Assert.Equal(1_767_225_600_123, receipt.IssuedAtUnixMs);
        Assert.Equal(ReceiptLayout.CurrentVersion, receipt.FormatVersion);
    }

    [Fact]
    public void Sign_Verify_AbortWithReasonIsValid()
    {
        var receipt = new ReceiptSigner(Identity(2), ClusterId)
            .Sign(Tx, DecisionKind.Abort, AbortReason.InsufficientFunds, [new ShardId(1)], new ShardId(2), IssuedAt);

        Assert.Equal(ReceiptVerificationStatus.Valid, Verifier.Verify(receipt).Status);
        Assert.Equal(AbortReason.InsufficientFunds, receipt.AbortReason);
    }

    [Fact]
    public void Verify_DefaultResult_IsNotValid()
    {
        Assert.False(default(ReceiptVerification).IsValid);
    }

    [Fact]
    public void Verify_EveryFlippedByteOfTheSignedLayout_IsRejected()
    {
        var receipt = Commit();
        var signed = receipt.GetSignedBytes();
        var raw = MlDsa.CreateVerifier(Identity(0).PublicKey);
        Assert.True(raw.Verify(signed, receipt.Signature, SignatureContext.Receipt));
        var throughVerifier = 0;

        for (var i = 0; i < signed.Length; i++)
        {
            var tampered = (byte[])signed.Clone();
            tampered[i] ^= 0x01;

            Assert.False(raw.Verify(tampered, receipt.Signature, SignatureContext.Receipt), $"byte {i} flipped still verifies");
            if (DecodeLayout(tampered, receipt.Signature) is { } decoded)
            {
                throughVerifier++;
                var result = Verifier.Verify(decoded);
                Assert.False(result.IsValid, $"byte {i} flipped: receipt verifier said {result.Detail}");
            }
        }

        // The magic, version and length fields are the only bytes whose flip makes the layout undecodable.
        Assert.True(throughVerifier >= signed.Length - 10, $"only {throughVerifier} of {signed.Length} flips reached the verifier");
    }

    [Fact]
    public void Verify_FlippedSignatureBytes_AreRejected()
    {
        var receipt = Commit();
        var value = receipt.Signature.Value.ToArray();
        var positions = Enumerable.Range(0, value.Length).Where(i => i % 97 == 0 || i < 4 || i >= value.Length - 4).ToList();

        foreach (var i in positions)
        {
            var tampered = (byte[])value.Clone();
            tampered[i] ^= 0x80;
            var result = Verifier.Verify(With(receipt, signature: Signature.Create(receipt.Signature.Algorithm, tampered)));

            Assert.Equal(ReceiptVerificationStatus.BadSignature, result.Status);
        }

        Assert.True(positions.Count > 40);
    }

    [Fact]
    public void Verify_ReceiptFromAnotherCluster_IsWrongCluster()
    {
        var result = Verifier.Verify(Commit(clusterId: "staging-1"));

        Assert.Equal(ReceiptVerificationStatus.WrongCluster, result.Status);
        Assert.Equal("wrong cluster: receipt is for cluster 'staging-1', manifest is for 'local-7f3a'", result.Detail);
    }

    [Fact]
    public void Verify_ReplayIntoAnotherClusterByRelabelling_IsBadSignature()
    {
        // Same node keys in both clusters: only the signed cluster id keeps the receipt out.
        var foreign = Commit(clusterId: "staging-1");

        var result = Verifier.Verify(With(foreign, clusterId: ClusterId));

        Assert.Equal(ReceiptVerificationStatus.BadSignature, result.Status);
    }

    [Fact]
    public void Verify_CoordinatorNotInManifest_IsUnknownCoordinator()
    {
        var receipt = new ReceiptSigner(Identity(7), ClusterId)
            .Sign(Tx, DecisionKind.Commit, AbortReason.None, [new ShardId(0)], new ShardId(7), IssuedAt);

        var result = Verifier.Verify(receipt);

        Assert.Equal(ReceiptVerificationStatus.UnknownCoordinator, result.Status);
        Assert.Contains("shard-7", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ParticipantNotInManifest_IsUnknownParticipant()
    {
        var receipt = new ReceiptSigner(Identity(0), ClusterId)
            .Sign(Tx, DecisionKind.Commit, AbortReason.None, [new ShardId(0), new ShardId(3)], new ShardId(0), IssuedAt);

        Assert.Equal(ReceiptVerificationStatus.UnknownParticipant, Verifier.Verify(receipt).Status);
    }

    [Fact]
    public void Verify_SignedByAnotherShardsKey_IsBadSignature()
    {
        var result = Verifier.Verify(Commit(coordinator: 0, signerIndex: 1));

        Assert.Equal(ReceiptVerificationStatus.BadSignature, result.Status);
        Assert.StartsWith("bad signature: does not verify under shard-0's key", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAKeyOutsideTheManifest_IsBadSignature()
    {
        Assert.Equal(ReceiptVerificationStatus.BadSignature, Verifier.Verify(Commit(coordinator: 2, signerIndex: 9)).Status);
    }

    [Fact]
    public void Verify_SignatureOfAnotherAlgorithm_IsBadSignature()
    {
        var receipt = new ReceiptSigner(Identity(0, SignatureAlgorithm.MlDsa44), ClusterId)
            .Sign(Tx, DecisionKind.Commit, AbortReason.None, [new ShardId(0)], new ShardId(0), IssuedAt);

        var result = Verifier.Verify(receipt);

        Assert.Equal(ReceiptVerificationStatus.BadSignature, result.Status);
        Assert.Contains("made with ML-DSA-44 but shard-0's key is ML-DSA-65", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureUnderAnotherContext_IsBadSignature()
    {
        var receipt = Commit();
        var decisionSignature = Identity(0).Sign(receipt.GetSignedBytes(), SignatureContext.Decision);

        Assert.Equal(ReceiptVerificationStatus.BadSignature, Verifier.Verify(With(receipt, signature: decisionSignature)).Status);
    }

    [Fact]
    public void Verify_ChangedFields_AreRejected()
    {
        var receipt = Commit(coordinator: 1);
        TransactionReceipt[] changed =
        [
            With(receipt, txId: TxId.Parse("0" + Tx.ToString()[1..])),
            With(receipt, decision: DecisionKind.Abort, reason: AbortReason.PresumedAbort),
            With(receipt, participants: [new ShardId(0), new ShardId(1), new ShardId(2)]),
            With(receipt, participants: [new ShardId(0)]),
            With(receipt, coordinator: new ShardId(2)),
            With(receipt, issuedAt: receipt.IssuedAtUnixMs + 1),
        ];

        foreach (var receiptWithChange in changed)
        {
            Assert.False(Verifier.Verify(receiptWithChange).IsValid, receiptWithChange.ToString());
        }
    }

    [Fact]
    public void Verify_FutureFormat_IsUnsupportedVersion()
    {
        Assert.Equal(ReceiptVerificationStatus.UnsupportedVersion, Verifier.Verify(With(Commit(), format: 2)).Status);
    }

    public static TheoryData<string> MalformedCases => ["commit with reason", "abort without reason", "unsorted", "duplicate", "empty", "negative participant", "negative coordinator", "negative time", "undefined decision", "undefined reason", "bad cluster id"];

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void Verify_StructurallyBrokenReceipt_IsMalformed(string name)
    {
        var r = Commit();
        var broken = name switch
        {
            "commit with reason" => With(r, reason: AbortReason.LockConflict),
            "abort without reason" => With(r, decision: DecisionKind.Abort),
            "unsorted" => With(r, participants: [new ShardId(2), new ShardId(0)]),
            "duplicate" => With(r, participants: [new ShardId(0), new ShardId(0)]),
            "empty" => With(r, participants: []),
            "negative participant" => With(r, participants: [new ShardId(-1), new ShardId(0)]),
            "negative coordinator" => With(r, coordinator: new ShardId(-1)),
            "negative time" => With(r, issuedAt: -1),
            "undefined decision" => With(r, decision: (DecisionKind)3),
            "undefined reason" => With(r, decision: DecisionKind.Abort, reason: (AbortReason)200),
            "bad cluster id" => With(r, clusterId: "local 7f3a"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var result = Verifier.Verify(broken);

        Assert.Equal(ReceiptVerificationStatus.Malformed, result.Status);
        Assert.StartsWith("malformed receipt: ", result.Detail, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(broken.GetSignedBytes);
    }

    [Fact]
    public void Sign_RefusesWhatVerifyWouldCallMalformed()
    {
        var signer = new ReceiptSigner(Identity(0), ClusterId);
        ShardId[] one = [new ShardId(0)];

        Assert.Throws<ArgumentException>(() => signer.Sign(Tx, DecisionKind.Commit, AbortReason.LockConflict, one, new ShardId(0), IssuedAt));
        Assert.Throws<ArgumentException>(() => signer.Sign(Tx, DecisionKind.Abort, AbortReason.None, one, new ShardId(0), IssuedAt));
        Assert.Throws<ArgumentException>(() => signer.Sign(Tx, DecisionKind.Commit, AbortReason.None, [], new ShardId(0), IssuedAt));
        Assert.Throws<ArgumentException>(() => signer.Sign(Tx, DecisionKind.Commit, AbortReason.None, [new ShardId(1), new ShardId(1)], new ShardId(0), IssuedAt));
        Assert.Throws<ArgumentException>(() => signer.Sign(Tx, DecisionKind.Commit, AbortReason.None, one, new ShardId(0), DateTimeOffset.FromUnixTimeMilliseconds(-5)));
        Assert.Throws<ArgumentException>(() => new ReceiptSigner(Identity(0), ""));
        Assert.Throws<ArgumentException>(() => new ReceiptSigner(Identity(0), "bad id"));
    }

    [Fact]
    public void Verify_IsThreadSafe()
    {
        var receipts = Enumerable.Range(0, 3).Select(i => Commit(coordinator: i)).ToArray();

        Parallel.For(0, 60, i => Assert.True(Verifier.Verify(receipts[i % 3]).IsValid));
    }
}
