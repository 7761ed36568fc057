using System.Security.Cryptography;

namespace CrossShard.Crypto.Lattice;

/// <summary>
/// An ML-DSA public key decoded once (pkDecode, Algorithm 23) and kept in the form verification uses: Â expanded,
/// NTT(t1·2^d) and tr = H(pk).
/// </summary>
internal sealed class MlDsaVerifyingKey
{
    private MlDsaVerifyingKey(MlDsaParameterSet parameters)
    {
        Parameters = parameters;
        Matrix = new int[parameters.K * parameters.L * MlDsaParameterSet.N];
        T1Hat = new int[parameters.K * MlDsaParameterSet.N];
    }

    /// <summary>The parameter set.</summary>
    public MlDsaParameterSet Parameters { get; }

    /// <summary>Â = ExpandA(ρ), row-major.</summary>
    public int[] Matrix { get; }

    /// <summary>NTT(t1·2^d).</summary>
    public int[] T1Hat { get; }

    /// <summary>tr = H(pk, 64).</summary>
    public byte[] PublicKeyHash { get; } = new byte[64];

    /// <summary>Decodes pk and precomputes the NTT-domain values.</summary>
    /// <exception cref="CryptoFormatException">Wrong length.</exception>
    public static MlDsaVerifyingKey Decode(MlDsaParameterSet parameters, ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != parameters.PublicKeyBytes)
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"ML-DSA public key is {parameters.PublicKeyBytes} bytes; got {publicKey.Length}.");
        }

        var key = new MlDsaVerifyingKey(parameters);
        Sampling.ExpandA(publicKey[..32], parameters, key.Matrix);
        Shake256.HashData(publicKey, key.PublicKeyHash);
        for (var i = 0; i < parameters.K; i++)
        {
            var poly = key.T1Hat.AsSpan(i * MlDsaParameterSet.N, MlDsaParameterSet.N);
            BitPacking.Unpack(publicKey.Slice(32 + (i * MlDsaParameterSet.T1PolyBytes), MlDsaParameterSet.T1PolyBytes), MlDsaParameterSet.T1Bits, poly);
            for (var j = 0; j < poly.Length; j++)
            {
                poly[j] <<= MlDsaParameterSet.D;
            }

            Ntt.Forward(poly);
        }

        return key;
    }
}
