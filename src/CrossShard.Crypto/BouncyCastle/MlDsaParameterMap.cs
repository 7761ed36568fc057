using CrossShard.Crypto.Signing;
using Org.BouncyCastle.Crypto.Parameters;

namespace CrossShard.Crypto.BouncyCastle;

/// <summary>Maps our algorithm ids to BouncyCastle's pure (not pre-hash) ML-DSA parameter sets.</summary>
internal static class MlDsaParameterMap
{
    public static MLDsaParameters Get(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.MlDsa44 => MLDsaParameters.ml_dsa_44,
        SignatureAlgorithm.MlDsa65 => MLDsaParameters.ml_dsa_65,
        SignatureAlgorithm.MlDsa87 => MLDsaParameters.ml_dsa_87,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown signature algorithm."),
    };
}
