namespace CrossShard.Crypto.Signing;

/// <summary>Signature algorithm; the numeric value is the one-byte id carried in encoded keys and signatures.</summary>
/// <remarks>Ids are part of the wire and key-file contract: never renumber, only append. Zero is never valid.</remarks>
public enum SignatureAlgorithm : byte
{
    /// <summary>ML-DSA-44 (FIPS 204, NIST security category 2).</summary>
    MlDsa44 = 1,

    /// <summary>ML-DSA-65 (FIPS 204, NIST security category 3); the protocol default.</summary>
    MlDsa65 = 2,

    /// <summary>ML-DSA-87 (FIPS 204, NIST security category 5).</summary>
    MlDsa87 = 3,
}
