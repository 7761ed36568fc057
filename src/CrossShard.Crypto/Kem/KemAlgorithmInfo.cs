using System.Runtime.CompilerServices;

namespace CrossShard.Crypto.Kem;

/// <summary>Sizes, names and id validation for <see cref="KemAlgorithm"/> values.</summary>
public static class KemAlgorithmInfo
{
    /// <summary>The algorithm used when none is configured: ML-KEM-768 (PROTOCOL.md §4).</summary>
    public const KemAlgorithm Default = KemAlgorithm.MlKem768;

    /// <summary>Length of the key-generation seed d || z, in bytes (same for every parameter set).</summary>
    public const int SeedSize = 64;

    /// <summary>Length of the shared secret K, in bytes (same for every parameter set).</summary>
    public const int SharedSecretSize = 32;

    /// <summary>Length of the encapsulation randomness m, in bytes.</summary>
    public const int EncapsulationRandomnessSize = 32;

    /// <summary>Whether <paramref name="algorithm"/> is an id this build can use.</summary>
    public static bool IsDefined(KemAlgorithm algorithm) =>
        algorithm is KemAlgorithm.MlKem512 or KemAlgorithm.MlKem768 or KemAlgorithm.MlKem1024;

    /// <summary>The module rank k of the parameter set (2, 3 or 4).</summary>
    public static int GetRank(this KemAlgorithm algorithm) => algorithm switch
    {
        KemAlgorithm.MlKem512 => 2,
        KemAlgorithm.MlKem768 => 3,
        KemAlgorithm.MlKem1024 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown KEM algorithm."),
    };

    /// <summary>Encapsulation key (ek) length: 384k + 32 bytes.</summary>
    public static int GetEncapsulationKeySize(this KemAlgorithm algorithm) => (384 * algorithm.GetRank()) + 32;

    /// <summary>Decapsulation key (dk) length: 768k + 96 bytes.</summary>
    public static int GetDecapsulationKeySize(this KemAlgorithm algorithm) => (768 * algorithm.GetRank()) + 96;

    /// <summary>Ciphertext length, in bytes.</summary>
    public static int GetCiphertextSize(this KemAlgorithm algorithm) => algorithm switch
    {
        KemAlgorithm.MlKem512 => 768,
        KemAlgorithm.MlKem768 => 1088,
        KemAlgorithm.MlKem1024 => 1568,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown KEM algorithm."),
    };

    /// <summary>The standard name, e.g. <c>ML-KEM-768</c>.</summary>
    public static string GetName(this KemAlgorithm algorithm) => algorithm switch
    {
        KemAlgorithm.MlKem512 => "ML-KEM-512",
        KemAlgorithm.MlKem768 => "ML-KEM-768",
        KemAlgorithm.MlKem1024 => "ML-KEM-1024",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown KEM algorithm."),
    };

    /// <summary>Parses a standard name such as <c>ML-KEM-768</c> (ordinal, case-insensitive).</summary>
    public static bool TryParseName(string? name, out KemAlgorithm algorithm)
    {
        foreach (var candidate in (ReadOnlySpan<KemAlgorithm>)[KemAlgorithm.MlKem512, KemAlgorithm.MlKem768, KemAlgorithm.MlKem1024])
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
    public static KemAlgorithm FromId(byte id)
    {
        var algorithm = (KemAlgorithm)id;
        return IsDefined(algorithm)
            ? algorithm
            : throw new CryptoFormatException(CryptoFormatError.UnknownAlgorithm, $"Unknown KEM algorithm id {id}.");
    }

    /// <summary>Throws unless <paramref name="algorithm"/> is defined; guards public entry points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined algorithm.</exception>
    public static void ThrowIfUndefined(KemAlgorithm algorithm, [CallerArgumentExpression(nameof(algorithm))] string? paramName = null)
    {
        if (!IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(paramName, algorithm, "Unknown KEM algorithm.");
        }
    }
}
