using BenchmarkDotNet.Attributes;
using CrossShard.Crypto.Signing;

namespace CrossShard.Benchmarks;

/// <summary>
/// ML-DSA-65 in the library's own code against BouncyCastle's, same keys and messages: hedged signing,
/// verification, and building a verifier from a public key (which ours spends on expanding Â once).
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release --project bench/CrossShard.Benchmarks -- --filter '*MlDsaImplementation*'</c>.</remarks>
[MemoryDiagnoser]
public class MlDsaImplementationBenchmarks : IDisposable
{
    private const int MessageSize = 256;

    private NodeIdentity _identity = null!;
    private ISignatureVerifier _verifier = null!;
    private byte[] _message = null!;
    private Signature _signature = null!;

    /// <summary>The implementation measured.</summary>
    [Params(SignerImplementation.CrossShard, SignerImplementation.BouncyCastle)]
    public SignerImplementation Implementation { get; set; }

    /// <summary>One key and one signed message per implementation, outside the measured region.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65, options: new SigningOptions { Implementation = Implementation });
        _verifier = MlDsa.CreateVerifier(_identity.PublicKey, Implementation);
        _message = new byte[MessageSize];
        Random.Shared.NextBytes(_message);
        _signature = _identity.Sign(_message, SignatureContext.Prepare);
    }

    /// <summary>Hedged signature of one message.</summary>
    [Benchmark]
    public Signature Sign() => _identity.Sign(_message, SignatureContext.Prepare);

    /// <summary>Verification of one message.</summary>
    [Benchmark]
    public bool Verify() => _verifier.Verify(_message, _signature, SignatureContext.Prepare);

    /// <summary>A verifier built from the public key (done once per peer, and once per handshake).</summary>
    [Benchmark]
    public ISignatureVerifier CreateVerifier() => MlDsa.CreateVerifier(_identity.PublicKey, Implementation);

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _identity?.Dispose();
        GC.SuppressFinalize(this);
    }
}
