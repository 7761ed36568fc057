namespace CrossShard.Crypto.Lattice;

/// <summary>Arithmetic modulo q = 8380417 in the representations the ML-DSA reference implementation uses.</summary>
/// <remarks>
/// Montgomery form uses R = 2^32. The bounds each function needs and keeps are those of the FIPS 204 reference
/// code, whose sequence of reductions <see cref="MlDsaSignEngine"/> follows step by step.
/// </remarks>
internal static class ModQ
{
    /// <summary>The modulus q = 2^23 − 2^13 + 1.</summary>
    public const int Q = 8380417;

    /// <summary>q^−1 mod 2^32.</summary>
    public const int QInverse = 58728449;

    /// <summary>For a in [−2^31·q, 2^31·q], returns r ≡ a·2^−32 (mod q) with |r| &lt; q.</summary>
    public static int MontgomeryReduce(long a)
    {
        unchecked
        {
            var t = (int)a * QInverse;
            return (int)((a - ((long)t * Q)) >> 32);
        }
    }

    /// <summary>For a ≤ 2^31 − 2^22 − 1, returns r ≡ a (mod q) with −6283008 ≤ r ≤ 6283008.</summary>
    public static int Reduce32(int a)
    {
        unchecked
        {
            var t = (a + (1 << 22)) >> 23;
            return a - (t * Q);
        }
    }

    /// <summary>Adds q when a is negative.</summary>
    public static int AddQIfNegative(int a) => unchecked(a + ((a >> 31) & Q));
}
