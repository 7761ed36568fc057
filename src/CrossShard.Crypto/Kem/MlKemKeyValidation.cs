using System.Security.Cryptography;
using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Kem;

/// <summary>The FIPS 203 input checks on ML-KEM keys (§7.2 encapsulation key, §7.3 decapsulation key).</summary>
/// <remarks>
/// FIPS 203 requires these before using a key received from elsewhere; the library runs them on every
/// imported key so a malformed peer key is rejected up front instead of silently producing a useless secret.
/// </remarks>
public static class MlKemKeyValidation
{
    private const int Modulus = 3329;

    /// <summary>Type and modulus check: right length, and every 12-bit coefficient of t̂ is below q = 3329.</summary>
    public static bool IsValidEncapsulationKey(KemAlgorithm algorithm, ReadOnlySpan<byte> encapsulationKey)
    {
        KemAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (encapsulationKey.Length != algorithm.GetEncapsulationKeySize())
        {
            return false;
        }

        // ByteEncode12(ByteDecode12(x)) == x exactly when every packed 12-bit value is already reduced mod q.
        var packed = encapsulationKey[..(384 * algorithm.GetRank())];
        for (var i = 0; i < packed.Length; i += 3)
        {
            var low = packed[i] | ((packed[i + 1] & 0x0F) << 8);
            var high = (packed[i + 1] >> 4) | (packed[i + 2] << 4);
            if (low >= Modulus || high >= Modulus)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Type and hash check: right length, and the embedded H(ek) matches the embedded ek.</summary>
    public static bool IsValidDecapsulationKey(KemAlgorithm algorithm, ReadOnlySpan<byte> decapsulationKey)
    {
        KemAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (decapsulationKey.Length != algorithm.GetDecapsulationKeySize())
        {
            return false;
        }

        // dk = dk_PKE (384k) || ek (384k + 32) || H(ek) (32) || z (32).
        var k = algorithm.GetRank();
        var ek = decapsulationKey.Slice(384 * k, algorithm.GetEncapsulationKeySize());
        var storedHash = decapsulationKey.Slice(768 * k + 32, Hash256.Size);
        Span<byte> computed = stackalloc byte[Hash256.Size];
        Sha3.Hash(ek, computed);
        return CryptographicOperations.FixedTimeEquals(computed, storedHash);
    }
}
