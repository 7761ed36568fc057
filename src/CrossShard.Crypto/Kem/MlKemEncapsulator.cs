using System.Security.Cryptography;
using CrossShard.Crypto.BouncyCastle;
using Org.BouncyCastle.Crypto.Parameters;
using BcEncapsulator = Org.BouncyCastle.Crypto.Kems.MLKemEncapsulator;

namespace CrossShard.Crypto.Kem;

/// <summary>ML-KEM encapsulation (FIPS 203 ML-KEM.Encaps) with an injectable randomness source.</summary>
/// <param name="random">
/// Source of the 32-byte message m per encapsulation; null (the default) means the OS CSPRNG. Tests inject a
/// fixed source to reproduce known-answer vectors.
/// </param>
public sealed class MlKemEncapsulator(RandomNumberGenerator? random = null) : IKemEncapsulator
{
    private readonly RandomNumberGenerator? _random = random;

    /// <inheritdoc/>
    public KemEncapsulation Encapsulate(KemPublicKey recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);

        // KemPublicKey already passed the FIPS 203 §7.2 check when it was created.
        var parameters = MlKemParameterMap.Get(recipient.Algorithm);
        var key = MLKemPublicKeyParameters.FromEncoding(parameters, recipient.KeyArray);
        var encapsulator = new BcEncapsulator(parameters);
        encapsulator.Init(new ParametersWithRandom(key, RandomNumberGeneratorAdapter.CreateSecureRandom(_random)));
        var ciphertext = new byte[recipient.Algorithm.GetCiphertextSize()];
        var secret = new byte[KemAlgorithmInfo.SharedSecretSize];
        encapsulator.Encapsulate(ciphertext, secret);
        return new KemEncapsulation(ciphertext, secret);
    }
}
