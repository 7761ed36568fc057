using CrossShard.Crypto.Kem;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.BouncyCastle;

/// <summary>Maps our KEM algorithm ids to BouncyCastle's ML-KEM parameter sets.</summary>
internal static class MlKemParameterMap
{
    public static MLKemParameters Get(KemAlgorithm algorithm) => algorithm switch
    {
        KemAlgorithm.MlKem512 => MLKemParameters.ml_kem_512,
        KemAlgorithm.MlKem768 => MLKemParameters.ml_kem_768,
        KemAlgorithm.MlKem1024 => MLKemParameters.ml_kem_1024,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown KEM algorithm."),
    };
}
