namespace CrossShard.Crypto.Signing;

/// <summary>Which ML-DSA code signs or verifies; both are FIPS 204 and interoperate byte for byte.</summary>
public enum SignerImplementation
{
    /// <summary>This library's own signer where the platform has SHAKE (every supported Linux), else BouncyCastle.</summary>
    Auto = 0,

    /// <summary>
    /// This library's signer: the key is decoded once (Â expanded, s1, s2, t0 in the NTT domain) instead of on every
    /// signature. Requires SHAKE128/256 from the platform.
    /// </summary>
    CrossShard = 1,

    /// <summary>BouncyCastle's general-purpose code, which starts from the encoded key on every call.</summary>
    BouncyCastle = 2,
}
