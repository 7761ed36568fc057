using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Lattice;

/// <summary>The FIPS 204 parameters of one ML-DSA parameter set (Table 1) and the encoding sizes they imply.</summary>
internal sealed class MlDsaParameterSet
{
    /// <summary>Coefficients per polynomial.</summary>
    public const int N = 256;

    /// <summary>Dropped bits of t (d).</summary>
    public const int D = 13;

    /// <summary>Bits per packed t1 coefficient (bitlen(q − 1) − d).</summary>
    public const int T1Bits = 10;

    /// <summary>Bytes of one packed t1 polynomial.</summary>
    public const int T1PolyBytes = N * T1Bits / 8;

    private static readonly MlDsaParameterSet MlDsa44 = new(k: 4, l: 4, eta: 2, tau: 39, gamma1Bits: 17, gamma2: (ModQ.Q - 1) / 88, omega: 80, lambda: 128);
    private static readonly MlDsaParameterSet MlDsa65 = new(k: 6, l: 5, eta: 4, tau: 49, gamma1Bits: 19, gamma2: (ModQ.Q - 1) / 32, omega: 55, lambda: 192);
    private static readonly MlDsaParameterSet MlDsa87 = new(k: 8, l: 7, eta: 2, tau: 60, gamma1Bits: 19, gamma2: (ModQ.Q - 1) / 32, omega: 75, lambda: 256);

    private MlDsaParameterSet(int k, int l, int eta, int tau, int gamma1Bits, int gamma2, int omega, int lambda)
    {
        K = k;
        L = l;
        Eta = eta;
        Tau = tau;
        Beta = tau * eta;
        Gamma1 = 1 << gamma1Bits;
        Gamma2 = gamma2;
        Omega = omega;
        CTildeBytes = lambda / 4;
        ZBits = gamma1Bits + 1;
        EtaBits = eta == 2 ? 3 : 4;
        W1Bits = gamma2 == (ModQ.Q - 1) / 88 ? 6 : 4;
    }

    /// <summary>Rows of A (k).</summary>
    public int K { get; }

    /// <summary>Columns of A (ℓ).</summary>
    public int L { get; }

    /// <summary>Bound of the secret coefficients (η).</summary>
    public int Eta { get; }

    /// <summary>Non-zero coefficients of the challenge (τ).</summary>
    public int Tau { get; }

    /// <summary>τ·η.</summary>
    public int Beta { get; }

    /// <summary>Bound of the mask coefficients (γ1).</summary>
    public int Gamma1 { get; }

    /// <summary>Low-order rounding range (γ2).</summary>
    public int Gamma2 { get; }

    /// <summary>Most hint bits set (ω).</summary>
    public int Omega { get; }

    /// <summary>Length of the commitment hash c̃ (λ/4 bytes).</summary>
    public int CTildeBytes { get; }

    /// <summary>Bits per packed z coefficient (1 + bitlen(γ1 − 1)).</summary>
    public int ZBits { get; }

    /// <summary>Bits per packed s1/s2 coefficient (bitlen(2η)).</summary>
    public int EtaBits { get; }

    /// <summary>Bits per packed w1 coefficient (bitlen((q − 1)/(2γ2) − 1)).</summary>
    public int W1Bits { get; }

    /// <summary>Bytes of one packed z polynomial.</summary>
    public int ZPolyBytes => N * ZBits / 8;

    /// <summary>Bytes of one packed w1 polynomial.</summary>
    public int W1PolyBytes => N * W1Bits / 8;

    /// <summary>Bytes of one packed s1/s2 polynomial.</summary>
    public int EtaPolyBytes => N * EtaBits / 8;

    /// <summary>Bytes of one packed t0 polynomial.</summary>
    public int T0PolyBytes => N * D / 8;

    /// <summary>Length of the expanded private key sk.</summary>
    public int PrivateKeyBytes => 32 + 32 + 64 + ((K + L) * EtaPolyBytes) + (K * T0PolyBytes);

    /// <summary>Length of the public key pk.</summary>
    public int PublicKeyBytes => 32 + (K * T1PolyBytes);

    /// <summary>Length of a signature.</summary>
    public int SignatureBytes => CTildeBytes + (L * ZPolyBytes) + Omega + K;

    /// <summary>The parameter set of <paramref name="algorithm"/>.</summary>
    public static MlDsaParameterSet For(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.MlDsa44 => MlDsa44,
        SignatureAlgorithm.MlDsa65 => MlDsa65,
        SignatureAlgorithm.MlDsa87 => MlDsa87,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown ML-DSA algorithm."),
    };
}
