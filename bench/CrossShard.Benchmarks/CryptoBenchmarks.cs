using BenchmarkDotNet.Attributes;
using CrossShard.Crypto.Batching;
using CrossShard.Crypto.Kem;
using CrossShard.Crypto.Signing;

namespace CrossShard.Benchmarks;

/// <summary>
/// Cost of the per-message crypto on the commit path: ML-DSA-65 sign/verify, batch signing (one signature per
/// batch of 1, 16 or 256 messages) and ML-KEM-768 session setup. Categories: Signing, Batching, Kem.
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release --project bench/CrossShard.Benchmarks -- --filter '*CryptoBenchmarks*'</c>.</remarks>
[MemoryDiagnoser]
[CategoriesColumn]
public class CryptoBenchmarks : IDisposable
{
    // A Prepare-sized message: ids, amounts, epoch and a little padding.
    private const int MessageSize = 256;

    private readonly Dictionary<int, BatchEntry[]> _batches = [];
    private NodeIdentity _identity = null!;
    private ISignatureVerifier _verifier = null!;
    private byte[] _message = null!;
    private Signature _signature = null!;
    private MlKemKeyPair _kemKeyPair = null!;
    private MlKemEncapsulator _encapsulator = null!;
    private byte[] _ciphertext = null!;

    /// <summary>Keys, messages and a ciphertext are made once, outside the measured region.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        _verifier = MlDsa.CreateVerifier(_identity.PublicKey);
        _message = new byte[MessageSize];
        Random.Shared.NextBytes(_message);
        _signature = _identity.Sign(_message, SignatureContext.Prepare);

        foreach (var size in new[] { 1, 16, 256 })
        {
            _batches[size] = [.. Enumerable.Range(0, size).Select(i =>
            {
                var message = new byte[MessageSize];
                Random.Shared.NextBytes(message);
                return new BatchEntry(SignatureContext.Vote, message);
            })];
        }

        _kemKeyPair = MlKemKeyPair.Generate(KemAlgorithm.MlKem768);
        _encapsulator = new MlKemEncapsulator();
        using var encapsulation = _encapsulator.Encapsulate(_kemKeyPair.EncapsulationKey);
        _ciphertext = encapsulation.Ciphertext.ToArray();
    }

    /// <summary>Hedged ML-DSA-65 signature of one message.</summary>
    [Benchmark]
    [BenchmarkCategory("Signing")]
    public Signature MlDsa65Sign() => _identity.Sign(_message, SignatureContext.Prepare);

    /// <summary>ML-DSA-65 verification of one message.</summary>
    [Benchmark]
    [BenchmarkCategory("Signing")]
    public bool MlDsa65Verify() => _verifier.Verify(_message, _signature, SignatureContext.Prepare);

    /// <summary>Sign a batch with one signature (Merkle tree over the messages, one ML-DSA-65 signature of the root): the sender's cost alone.</summary>
    [Benchmark]
    [BenchmarkCategory("Batching")]
    [Arguments(1)]
    [Arguments(16)]
    [Arguments(256)]
    public SignedBatch BatchSign(int batchSize) => BatchSigner.Sign(_identity, _batches[batchSize]);

    /// <summary>Sign a batch with one signature, then verify the whole batch: the sender-plus-receiver cost.</summary>
    [Benchmark]
    [BenchmarkCategory("Batching")]
    [Arguments(1)]
    [Arguments(16)]
    [Arguments(256)]
    public bool BatchSignAndVerifyAll(int batchSize)
    {
        var entries = _batches[batchSize];
        var batch = BatchSigner.Sign(_identity, entries);
        return new BatchVerifier().VerifyAll(_verifier, batch.Signature, entries);
    }

    /// <summary>
    /// Sign a batch, then verify every message on its own with its proof through a fresh cache: the receiver
    /// pays one ML-DSA verification plus one Merkle proof per message.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("Batching")]
    [Arguments(1)]
    [Arguments(16)]
    [Arguments(256)]
    public int BatchSignAndVerifyEachCached(int batchSize)
    {
        var entries = _batches[batchSize];
        var batch = BatchSigner.Sign(_identity, entries);
        var verifier = new BatchVerifier(new VerifiedSignatureCache(16));
        var verified = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (verifier.VerifyEntry(_verifier, batch.Signature, entries[i].Context, entries[i].Message.Span, batch.GetProof(i)))
            {
                verified++;
            }
        }

        return verified;
    }

    /// <summary>ML-KEM-768 encapsulation to a peer's key.</summary>
    [Benchmark]
    [BenchmarkCategory("Kem")]
    public int MlKem768Encapsulate()
    {
        using var encapsulation = _encapsulator.Encapsulate(_kemKeyPair.EncapsulationKey);
        return encapsulation.Ciphertext.Length;
    }

    /// <summary>ML-KEM-768 decapsulation of a peer's ciphertext.</summary>
    [Benchmark]
    [BenchmarkCategory("Kem")]
    public byte[] MlKem768Decapsulate() => _kemKeyPair.Decapsulate(_ciphertext);

    /// <summary>Releases the keys made in <see cref="Setup"/>.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _identity?.Dispose();
        _kemKeyPair?.Dispose();
        GC.SuppressFinalize(this);
    }
}
