using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Transport.Wire;

namespace CrossShard.Benchmarks;

/// <summary>
/// Encodings on the commit path: a transfer's canonical form (<see cref="TransactionCodec"/>) and its id
/// (SHA3-256 of it), and the wire form of the two messages every transfer sends most (<see cref="MessageCodec"/>:
/// Prepare carrying the transaction, Vote). Category: Codec.
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release --project bench/CrossShard.Benchmarks -- --filter '*CodecBenchmarks*' --job short</c>.</remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Codec")]
public class CodecBenchmarks
{
    private readonly byte[] _buffer = new byte[1024];
    private Transaction _transaction = null!;
    private byte[] _transactionBytes = [];
    private Prepare _prepare = null!;
    private byte[] _prepareBytes = [];
    private Vote _vote = null!;
    private byte[] _voteBytes = [];

    /// <summary>A two-account transfer with demo-style account names, and the messages about it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _transaction = Transaction.Transfer(42, new AccountId("acct-0001234"), new AccountId("acct-0005678"), 17);
        _transactionBytes = TransactionCodec.Encode(_transaction);
        _prepare = new Prepare(_transaction.Id, new ShardId(0), _transaction, ImmutableArray.Create(new ShardId(0), new ShardId(3)), 123_456);
        _prepareBytes = MessageCodec.Encode(_prepare);
        _vote = new Vote(_transaction.Id, new ShardId(3), VoteKind.Yes, AbortReason.None);
        _voteBytes = MessageCodec.Encode(_vote);
    }

    /// <summary>Canonical encoding of a transfer into a reused buffer.</summary>
    [Benchmark]
    public int TransactionEncode() => TransactionCodec.Encode(_transaction, _buffer);

    /// <summary>Decoding a transfer's canonical encoding.</summary>
    [Benchmark]
    public Transaction TransactionDecode() => TransactionCodec.Decode(_transactionBytes);

    /// <summary>A transfer's id computed afresh: canonical encoding plus SHA3-256 (what every new submission pays once).</summary>
    [Benchmark]
    public TxId TransactionId() => TransactionCodec.ComputeId(_transaction);

    /// <summary>Wire encoding of a Prepare carrying the transfer.</summary>
    [Benchmark]
    public byte[] PrepareEncode() => MessageCodec.Encode(_prepare);

    /// <summary>Wire decoding of a Prepare carrying the transfer.</summary>
    [Benchmark]
    public ProtocolMessage PrepareDecode() => MessageCodec.Decode(_prepareBytes);

    /// <summary>Wire encoding of a YES vote.</summary>
    [Benchmark]
    public byte[] VoteEncode() => MessageCodec.Encode(_vote);

    /// <summary>Wire decoding of a YES vote.</summary>
    [Benchmark]
    public ProtocolMessage VoteDecode() => MessageCodec.Decode(_voteBytes);
}
