namespace CrossShard.Crypto;

/// <summary>Reason an encoded cryptographic value was rejected.</summary>
public enum CryptoFormatError
{
    /// <summary>The leading algorithm id is not one this build knows.</summary>
    UnknownAlgorithm = 1,

    /// <summary>The value has the wrong length for its algorithm or structure.</summary>
    WrongLength = 2,

    /// <summary>The value has the right length but violates a structural rule (e.g. a coefficient out of range).</summary>
    Malformed = 3,
}
