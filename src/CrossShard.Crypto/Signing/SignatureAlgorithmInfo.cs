using System.Runtime.CompilerServices;

namespace CrossShard.Crypto.Signing;

/// <summary>Sizes, names and id validation for <see cref="SignatureAlgorithm"/> values.</summary>
public static class SignatureAlgorithmInfo
{
    /// <summary>The algorithm used when none is configured: ML-DSA-65 (PROTOCOL.md §4).</summary>
    public const SignatureAlgorithm Default = SignatureAlgorithm.MlDsa65;

    /// <summary>Length of the FIPS 204 key-generation seed ξ, in bytes (same for every parameter set).</summary>
    public const int SeedSize = 32;

    /// <summary>Whether <paramref name="algorithm"/> is an id this build can use.</summary>
    public static bool IsDefined(SignatureAlgorithm algorithm) =>
        algorithm is SignatureAlgorithm.MlDsa44 or SignatureAlgorithm.MlDsa65 or SignatureAlgorithm.MlDsa87;

    /// <summary>FIPS 204 public key length (pk) for <paramref name="algorithm"/>, in bytes.</summary>
    public static int GetPublicKeySize(this SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.MlDsa44 => 1312,
        SignatureAlgorithm.MlDsa65 => 1952,
        SignatureAlgorithm.MlDsa87 => 2592,
        _ => throw Unknown(algorithm),
    };

    /// <summary>FIPS 204 expanded private key length (sk) for <paramref name="algorithm"/>, in bytes.</summary>
    public static int GetPrivateKeySize(this SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.MlDsa44 => 2560,
        SignatureAlgorithm.MlDsa65 => 4032,
        SignatureAlgorithm.MlDsa87 => 4896,
        _ => throw Unknown(algorithm),
    };

    /// <summary>FIPS 204 signature length for <paramref name="algorithm"/>, in bytes.</summary>
    public static int GetSignatureSize(this SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.MlDsa44 => 2420,
        SignatureAlgorithm.MlDsa65 => 3309,
        SignatureAlgorithm.MlDsa87 => 4627,
        _ => throw Unknown(algorithm),
    };

    /// <summary>The standard name, e.g. <c>ML-DSA-65</c>, as used in key files, manifests and ACVP.</summary>
    public static string GetName(this SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.MlDsa44 => "ML-DSA-44",
        SignatureAlgorithm.MlDsa65 => "ML-DSA-65",
        SignatureAlgorithm.MlDsa87 => "ML-DSA-87",
        _ => throw Unknown(algorithm),
    };

    /// <summary>Parses a standard name such as <c>ML-DSA-65</c> (ordinal, case-insensitive).</summary>
    public static bool TryParseName(string? name, out SignatureAlgorithm algorithm)
    {
        foreach (var candidate in (ReadOnlySpan<SignatureAlgorithm>)[SignatureAlgorithm.MlDsa44, SignatureAlgorithm.MlDsa65, SignatureAlgorithm.MlDsa87])
        {
            if (string.Equals(name, candidate.GetName(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    /// <summary>Reads a one-byte algorithm id from untrusted input.</summary>
    /// <exception cref="CryptoFormatException">The id is not a known algorithm.</exception>
    public static SignatureAlgorithm FromId(byte id)
    {
        var algorithm = (SignatureAlgorithm)id;
        return IsDefined(algorithm)
            ? algorithm
            : throw new CryptoFormatException(CryptoFormatError.UnknownAlgorithm, $"Unknown signature algorithm id {id}.");
    }

    /// <summary>Throws unless <paramref name="algorithm"/> is defined; guards public entry points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined algorithm.</exception>
    public static void ThrowIfUndefined(SignatureAlgorithm algorithm, [CallerArgumentExpression(nameof(algorithm))] string? paramName = null)
    {
        if (!IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(paramName, algorithm, "Unknown signature algorithm.");
        }
    }

    private static ArgumentOutOfRangeException Unknown(SignatureAlgorithm algorithm) =>
        new(nameof(algorithm), algorithm, "Unknown signature algorithm.");
}
