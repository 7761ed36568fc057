namespace CrossShard.Crypto.Kem;

/// <summary>Key-encapsulation algorithm; the numeric value is the one-byte id carried in encoded keys.</summary>
/// <remarks>Ids are part of the wire contract: never renumber, only append. Zero is never valid.</remarks>
public enum KemAlgorithm : byte
{
    /// <summary>ML-KEM-512 (FIPS 203, NIST security category 1).</summary>
    MlKem512 = 1,

    /// <summary>ML-KEM-768 (FIPS 203, NIST security category 3); the protocol default.</summary>
    MlKem768 = 2,

    /// <summary>ML-KEM-1024 (FIPS 203, NIST security category 5).</summary>
    MlKem1024 = 3,
}
