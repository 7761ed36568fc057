namespace CrossShard.Crypto.Signing;

/// <summary>How ML-DSA obtains its per-signature randomness <c>rnd</c> (FIPS 204 Algorithm 2).</summary>
public enum SigningMode
{
    /// <summary>Fresh random <c>rnd</c> per signature; the default, because it resists fault and side-channel attacks.</summary>
    Hedged = 0,

    /// <summary><c>rnd</c> is all zeros, so the same key, context and message always give the same signature.</summary>
    Deterministic = 1,
}
