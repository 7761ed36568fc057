using BenchmarkDotNet.Attributes;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;

namespace CrossShard.Benchmarks;

/// <summary>
/// Cost of the secure channel: a full ML-KEM-768 + ML-DSA-65 handshake (both sides, in memory), and AES-256-GCM
/// record sealing and opening for a Prepare-sized (256 B) and a batch-sized (16 KiB) payload.
/// Categories: Handshake, Records.
/// </summary>
/// <remarks>
/// Run with <c>dotnet run -c Release --project bench/CrossShard.Benchmarks -- --filter '*ChannelBenchmarks*'</c>.
/// Open cannot be measured alone (a record opens exactly once, in order), so <see cref="SealThenOpen"/> measures
/// both; the open cost is its time minus <see cref="Seal"/>'s. Both sessions use the default rekey limits
/// (2^24 records), so rekeying shows up only as a rare step inside the seal measurements.
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
public class ChannelBenchmarks : IDisposable
{
    private const int InitiatorShard = 1;
    private const int ResponderShard = 2;
    private static readonly byte[] AssociatedData = "envelope: shard-1 -> shard-2"u8.ToArray();

    private NodeIdentity _initiatorIdentity = null!;
    private NodeIdentity _responderIdentity = null!;
    private HandshakeOptions _options = null!;
    private SecureSession _sealer = null!;
    private SecureSession _opener = null!;
    private SecureSession _sealOnly = null!;
    private SecureSession _sealOnlyPeer = null!;
    private byte[] _plaintext = null!;
    private byte[] _record = null!;
    private byte[] _opened = null!;

    /// <summary>Plaintext size per record: 256 B (one Prepare) or 16 KiB (a batch).</summary>
    [Params(256, 16 * 1024)]
    public int PayloadSize { get; set; }

    /// <summary>Identities and two established session pairs are made once, outside the measured region.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _initiatorIdentity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        _responderIdentity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa65);
        _options = new HandshakeOptions(HandshakeOptions.ClusterIdFromName("bench"));
        (_sealer, _opener) = Connect();
        (_sealOnly, _sealOnlyPeer) = Connect();
        _plaintext = new byte[PayloadSize];
        Random.Shared.NextBytes(_plaintext);
        _record = new byte[SecureSession.GetSealedLength(PayloadSize)];
        _opened = new byte[PayloadSize];
    }

    /// <summary>ClientHello, ServerHello, ClientFinish and both key schedules: 1 ML-KEM keygen + encaps + decaps, 2 ML-DSA-65 signs + 2 verifies.</summary>
    [Benchmark]
    [BenchmarkCategory("Handshake")]
    public Crypto.Hashing.Hash256 FullHandshake()
    {
        var (initiator, responder) = Connect();
        using (initiator)
        using (responder)
        {
            return initiator.SessionId;
        }
    }

    /// <summary>Seal one record into a reused buffer (header, AES-256-GCM, counters).</summary>
    [Benchmark]
    [BenchmarkCategory("Records")]
    public int Seal() => _sealOnly.Seal(_plaintext, AssociatedData, _record);

    /// <summary>Seal one record, then open it on the peer session: the per-record cost of one hop.</summary>
    [Benchmark]
    [BenchmarkCategory("Records")]
    public int SealThenOpen()
    {
        var length = _sealer.Seal(_plaintext, AssociatedData, _record);
        return _opener.Open(_record.AsSpan(0, length), AssociatedData, _opened);
    }

    /// <summary>Releases the identities and sessions made in <see cref="Setup"/>.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _sealer?.Dispose();
        _opener?.Dispose();
        _sealOnly?.Dispose();
        _sealOnlyPeer?.Dispose();
        _initiatorIdentity?.Dispose();
        _responderIdentity?.Dispose();
        GC.SuppressFinalize(this);
    }

    private (SecureSession Initiator, SecureSession Responder) Connect()
    {
        using var initiator = new HandshakeInitiator(_initiatorIdentity, InitiatorShard, ResponderShard, _responderIdentity.PublicKey, _options);
        using var responder = new HandshakeResponder(
            _responderIdentity,
            ResponderShard,
            shard => shard == InitiatorShard ? _initiatorIdentity.PublicKey : null,
            _options);
        var serverHello = responder.ProcessClientHello(initiator.CreateClientHello());
        var completion = initiator.ProcessServerHello(serverHello);
        return (completion.Session, responder.ProcessClientFinish(completion.ClientFinish));
    }
}
