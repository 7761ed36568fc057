using System.Buffers.Binary;
using CrossShard.Crypto.Channels;

namespace CrossShard.Crypto.Tests.Channels;

public sealed class SecureSessionTests : IDisposable
{
    private static readonly byte[] Routing = "shard-1->shard-2"u8.ToArray();

    private readonly ChannelTestCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void SealOpen_ManyRecordsBothWays_RoundTripInOrder()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            for (var i = 0; i < 50; i++)
            {
                var payload = Enumerable.Range(0, i * 7).Select(x => unchecked((byte)(x + i))).ToArray();
                Assert.Equal(payload, b.Open(a.Seal(payload, Routing), Routing));
                Assert.Equal(payload, a.Open(b.Seal(payload, default), default));
            }

            Assert.Equal(50UL, a.NextSendSequence);
            Assert.Equal(50UL, b.NextReceiveSequence);
        }
    }

    [Fact]
    public void Seal_SamePlaintextTwice_GivesDifferentRecordsWithRisingSequence()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var first = a.Seal("same"u8, default);
            var second = a.Seal("same"u8, default);
            Assert.Equal("same"u8.ToArray(), b.Open(first, default));
            Assert.Equal("same"u8.ToArray(), b.Open(second, default));

            Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(first.AsSpan(5)));
            Assert.Equal(1UL, BinaryPrimitives.ReadUInt64LittleEndian(second.AsSpan(5)));
            // Equal ciphertext bodies for equal plaintexts would mean a reused nonce (a repeated CTR keystream).
            Assert.NotEqual(first.AsSpan(SecureSession.HeaderSize, 4).ToArray(), second.AsSpan(SecureSession.HeaderSize, 4).ToArray());
            Assert.Equal(SecureSession.GetSealedLength(4), first.Length);
        }
    }

    public static TheoryData<int, ChannelError> HeaderAndBodyFlips => new()
    {
        { 0, ChannelError.UnsupportedVersion },
        { 1, ChannelError.AuthenticationFailed },   // epoch 0 -> 1: the receiver steps its key, the tag fails
        { 2, ChannelError.EpochMismatch },          // epoch 0 -> 256
        { 5, ChannelError.OutOfOrder },             // sequence 0 -> 1
        { 12, ChannelError.OutOfOrder },            // sequence 0 -> 2^56
        { 13, ChannelError.Truncated },             // length 32 -> 33
        { 16, ChannelError.RecordTooLarge },        // length 32 -> 2^24 + 32
        { SecureSession.HeaderSize, ChannelError.AuthenticationFailed },      // first ciphertext byte
        { SecureSession.HeaderSize + 31, ChannelError.AuthenticationFailed }, // last ciphertext byte
        { SecureSession.HeaderSize + 32, ChannelError.AuthenticationFailed }, // first tag byte
        { SecureSession.Overhead + 31, ChannelError.AuthenticationFailed },   // last tag byte
    };

    [Theory]
    [MemberData(nameof(HeaderAndBodyFlips))]
    public void Open_TamperedRecord_IsRefusedWithTypedError(int offset, ChannelError expected)
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var record = a.Seal(new byte[32], Routing);
            record[offset] ^= 0x01;

            Assert.Equal(expected, Assert.Throws<ChannelException>(() => b.Open(record, Routing)).Error);
        }
    }

    [Fact]
    public void Open_WrongAssociatedData_FailsAuthentication()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var record = a.Seal("decision: commit"u8, Routing);

            Assert.Equal(ChannelError.AuthenticationFailed, Assert.Throws<ChannelException>(() => b.Open(record, "shard-1->shard-3"u8)).Error);
        }
    }

    [Fact]
    public void Open_LongAssociatedData_RoundTripsAndIsAuthenticated()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var associated = new byte[1000];
            associated[999] = 1;
            var record = a.Seal("x"u8, associated);
            Assert.Equal("x"u8.ToArray(), b.Open(record, associated));

            var second = a.Seal("y"u8, associated);
            associated[999] = 2;
            Assert.Equal(ChannelError.AuthenticationFailed, Assert.Throws<ChannelException>(() => b.Open(second, associated)).Error);
        }
    }

    [Fact]
    public void Open_ReplayedRecord_IsRefused()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var first = a.Seal("vote yes"u8, default);
            var second = a.Seal("ack"u8, default);
            b.Open(first, default);
            b.Open(second, default);

            Assert.Equal(ChannelError.Replayed, Assert.Throws<ChannelException>(() => b.Open(first, default)).Error);
        }
    }

    [Fact]
    public void Open_ReorderedRecord_IsRefusedAndReceiveDirectionCloses()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var first = a.Seal("prepare"u8, default);
            var second = a.Seal("decision"u8, default);

            Assert.Equal(ChannelError.OutOfOrder, Assert.Throws<ChannelException>(() => b.Open(second, default)).Error);
            Assert.Equal(ChannelError.Faulted, Assert.Throws<ChannelException>(() => b.Open(first, default)).Error);

            // The other direction is independent and still works.
            Assert.Equal("vote"u8.ToArray(), a.Open(b.Seal("vote"u8, default), default));
        }
    }

    [Fact]
    public void Open_OwnRecordReflectedBack_FailsBecauseDirectionsHaveSeparateKeys()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var record = a.Seal("prepare"u8, default);

            Assert.Equal(ChannelError.AuthenticationFailed, Assert.Throws<ChannelException>(() => a.Open(record, default)).Error);
        }
    }

    [Fact]
    public void Open_EveryTruncationAndATrailingByte_AreTypedErrors()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var record = a.Seal(new byte[40], default);
            for (var length = 0; length < record.Length; length++)
            {
                using var pair = new DisposablePair(_cluster.Connect());
                var error = Assert.Throws<ChannelException>(() => pair.Responder.Open(record.AsSpan(0, length), default)).Error;
                Assert.True(error == ChannelError.Truncated, $"length {length}: {error}");
            }

            Assert.Equal(ChannelError.Malformed, Assert.Throws<ChannelException>(() => b.Open([.. record, 0], default)).Error);
        }
    }

    [Fact]
    public void Open_Garbage_IsAlwaysAChannelException()
    {
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            var garbage = new byte[random.Next(0, 200)];
            random.NextBytes(garbage);
            if (garbage.Length > 16 && i % 2 == 0)
            {
                // Plausible header: right format, epoch 0, sequence 0, consistent length.
                garbage[0] = SecureSession.RecordFormatVersion;
                garbage.AsSpan(1, 12).Clear();
                BinaryPrimitives.WriteUInt32LittleEndian(garbage.AsSpan(13), (uint)Math.Max(0, garbage.Length - SecureSession.Overhead));
            }

            var (a, b) = _cluster.Connect();
            using (a)
            using (b)
            {
                Assert.Throws<ChannelException>(() => b.Open(garbage, default));
            }
        }
    }

    [Fact]
    public void Seal_OversizedPlaintext_IsRefusedWithoutHarmingTheSession()
    {
        var options = new HandshakeOptions(_cluster.Options.ClusterId) { Session = new SecureSessionOptions { MaxRecordSize = 64 } };
        var (a, b) = _cluster.Connect(options, options);
        using (a)
        using (b)
        {
            Assert.Equal(ChannelError.RecordTooLarge, Assert.Throws<ChannelException>(() => a.Seal(new byte[65], default)).Error);
            Assert.Equal(new byte[64], b.Open(a.Seal(new byte[64], default), default));
        }
    }

    [Fact]
    public void Rekey_AfterRecordLimit_BothDirectionsStepEpochsAndTrafficContinues()
    {
        var options = new HandshakeOptions(_cluster.Options.ClusterId) { Session = new SecureSessionOptions { RekeyAfterRecords = 3 } };
        var (a, b) = _cluster.Connect(options, options);
        using (a)
        using (b)
        {
            var epochs = new List<uint>();
            for (var i = 0; i < 10; i++)
            {
                var payload = BitConverter.GetBytes(i);
                var record = a.Seal(payload, Routing);
                epochs.Add(BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(1)));
                Assert.Equal(payload, b.Open(record, Routing));
                Assert.Equal(payload, a.Open(b.Seal(payload, Routing), Routing));
            }

            Assert.Equal([0u, 0, 0, 1, 1, 1, 2, 2, 2, 3], epochs);
            Assert.Equal(3u, a.SendEpoch);
            Assert.Equal(3u, b.ReceiveEpoch);
            Assert.Equal(3u, b.SendEpoch);
            Assert.Equal(3u, a.ReceiveEpoch);
        }
    }

    [Fact]
    public void Rekey_AfterByteLimit_StepsEpoch()
    {
        var options = new HandshakeOptions(_cluster.Options.ClusterId)
        {
            Session = new SecureSessionOptions { RekeyAfterBytes = 100, MaxRecordSize = 64 },
        };
        var (a, b) = _cluster.Connect(options, options);
        using (a)
        using (b)
        {
            for (var i = 0; i < 6; i++)
            {
                b.Open(a.Seal(new byte[40], default), default);
            }

            // 40 + 40 fit in 100 bytes, the third record needs a new key: epochs 0,0,1,1,2,2.
            Assert.Equal(2u, a.SendEpoch);
            Assert.Equal(2u, b.ReceiveEpoch);
        }
    }

    [Fact]
    public void Rekey_SenderLimitAboveReceiverLimit_IsRekeyOverdue()
    {
        var sender = new HandshakeOptions(_cluster.Options.ClusterId) { Session = new SecureSessionOptions { RekeyAfterRecords = 3 } };
        var receiver = new HandshakeOptions(_cluster.Options.ClusterId) { Session = new SecureSessionOptions { RekeyAfterRecords = 2 } };
        var (a, b) = _cluster.Connect(sender, receiver);
        using (a)
        using (b)
        {
            b.Open(a.Seal("1"u8, default), default);
            b.Open(a.Seal("2"u8, default), default);

            Assert.Equal(ChannelError.RekeyOverdue, Assert.Throws<ChannelException>(() => b.Open(a.Seal("3"u8, default), default)).Error);
        }
    }

    [Fact]
    public void Rekey_SenderLimitBelowReceiverLimit_ReceiverFollows()
    {
        var sender = new HandshakeOptions(_cluster.Options.ClusterId) { Session = new SecureSessionOptions { RekeyAfterRecords = 2 } };
        var (a, b) = _cluster.Connect(sender, _cluster.Options);
        using (a)
        using (b)
        {
            for (var i = 0; i < 7; i++)
            {
                b.Open(a.Seal([unchecked((byte)i)], default), default);
            }

            Assert.Equal(3u, b.ReceiveEpoch);
        }
    }

    [Fact]
    public void Seal_FromManyThreads_NeverReusesASequenceNumber()
    {
        var (a, b) = _cluster.Connect();
        using (a)
        using (b)
        {
            var records = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
            Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => records.Add(a.Seal([unchecked((byte)i)], default)));

            var sequences = records.Select(r => BinaryPrimitives.ReadUInt64LittleEndian(r.AsSpan(5))).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, 400).Select(i => (ulong)i), sequences);
            foreach (var record in records.OrderBy(r => BinaryPrimitives.ReadUInt64LittleEndian(r.AsSpan(5))))
            {
                b.Open(record, default);
            }
        }
    }

    [Fact]
    public void Dispose_ThenUse_IsObjectDisposed()
    {
        var (a, b) = _cluster.Connect();
        b.Dispose();
        a.Dispose();

        Assert.Throws<ObjectDisposedException>(() => a.Seal("x"u8, default));
        Assert.Throws<ObjectDisposedException>(() => b.Open(new byte[SecureSession.Overhead], default));
    }

    [Fact]
    public void Options_InvalidLimits_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureSessionOptions { RekeyAfterRecords = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureSessionOptions { RekeyAfterRecords = (1L << 32) + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureSessionOptions { RekeyAfterBytes = (1L << 36) + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecureSessionOptions { MaxRecordSize = -1 });
        Assert.Throws<ArgumentException>(() => new HandshakeOptions(_cluster.Options.ClusterId)
        {
            Session = new SecureSessionOptions { RekeyAfterBytes = 10, MaxRecordSize = 11 },
        });
        Assert.Throws<ArgumentException>(() => new HandshakeOptions(_cluster.Options.ClusterId) { SupportedVersions = [] });
        Assert.Throws<ArgumentException>(() => new HandshakeOptions(_cluster.Options.ClusterId) { SupportedVersions = [1, 1] });
    }

    private sealed class DisposablePair((SecureSession Initiator, SecureSession Responder) pair) : IDisposable
    {
        public SecureSession Responder => pair.Responder;

        public void Dispose()
        {
            pair.Initiator.Dispose();
            pair.Responder.Dispose();
        }
    }
}
