using System.Security.Cryptography;

namespace CrossShard.Crypto.Lattice;

/// <summary>
/// An ML-DSA private key decoded once (skDecode, Algorithm 25) and kept in the form signing uses: Â expanded,
/// s1, s2 and t0 in the NTT domain.
/// </summary>
/// <remarks>
/// Re-deriving these on every signature (as a general-purpose library does) costs about as much as a rejection
/// round; a node signs thousands of times with one key. <see cref="Dispose"/> zeroes the secret parts.
/// </remarks>
internal sealed class MlDsaSigningKey : IDisposable
{
    private MlDsaSigningKey(MlDsaParameterSet parameters)
    {
        Parameters = parameters;
        Matrix = new int[parameters.K * parameters.L * MlDsaParameterSet.N];
        S1Hat = new int[parameters.L * MlDsaParameterSet.N];
        S2Hat = new int[parameters.K * MlDsaParameterSet.N];
        T0Hat = new int[parameters.K * MlDsaParameterSet.N];
    }

    /// <summary>The parameter set.</summary>
    public MlDsaParameterSet Parameters { get; }

    /// <summary>Â = ExpandA(ρ), row-major.</summary>
    public int[] Matrix { get; }

    /// <summary>The private seed K for the mask.</summary>
    public byte[] Key { get; } = new byte[32];

    /// <summary>tr = H(pk, 64).</summary>
    public byte[] PublicKeyHash { get; } = new byte[64];

    /// <summary>NTT(s1).</summary>
    public int[] S1Hat { get; }

    /// <summary>NTT(s2).</summary>
    public int[] S2Hat { get; }

    /// <summary>NTT(t0).</summary>
    public int[] T0Hat { get; }

    /// <summary>Decodes sk and precomputes the NTT-domain values.</summary>
    /// <exception cref="CryptoFormatException">Wrong length, or a secret coefficient outside [−η, η].</exception>
    public static MlDsaSigningKey Decode(MlDsaParameterSet parameters, ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != parameters.PrivateKeyBytes)
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"ML-DSA private key is {parameters.PrivateKeyBytes} bytes; got {privateKey.Length}.");
        }

        var key = new MlDsaSigningKey(parameters);
        Sampling.ExpandA(privateKey[..32], parameters, key.Matrix);
        privateKey.Slice(32, 32).CopyTo(key.Key);
        privateKey.Slice(64, 64).CopyTo(key.PublicKeyHash);
        var offset = 128;
        offset = key.DecodeSecret(privateKey, offset, key.S1Hat);
        offset = key.DecodeSecret(privateKey, offset, key.S2Hat);
        for (var i = 0; i < parameters.K; i++)
        {
            var poly = key.T0Hat.AsSpan(i * MlDsaParameterSet.N, MlDsaParameterSet.N);
            BitPacking.Unpack(privateKey.Slice(offset, parameters.T0PolyBytes), MlDsaParameterSet.D, poly);
            for (var j = 0; j < poly.Length; j++)
            {
                poly[j] = (1 << (MlDsaParameterSet.D - 1)) - poly[j];
            }

            Ntt.Forward(poly);
            offset += parameters.T0PolyBytes;
        }

        return key;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Key);
        Array.Clear(S1Hat);
        Array.Clear(S2Hat);
        Array.Clear(T0Hat);
    }

    private int DecodeSecret(ReadOnlySpan<byte> privateKey, int offset, int[] destination)
    {
        var eta = Parameters.Eta;
        for (var i = 0; i < destination.Length / MlDsaParameterSet.N; i++)
        {
            var poly = destination.AsSpan(i * MlDsaParameterSet.N, MlDsaParameterSet.N);
            BitPacking.Unpack(privateKey.Slice(offset, Parameters.EtaPolyBytes), Parameters.EtaBits, poly);
            for (var j = 0; j < poly.Length; j++)
            {
                if (poly[j] > 2 * eta)
                {
                    Dispose();
                    throw new CryptoFormatException(CryptoFormatError.Malformed, "ML-DSA private key has a secret coefficient outside [-eta, eta].");
                }

                poly[j] = eta - poly[j];
            }

            Ntt.Forward(poly);
            offset += Parameters.EtaPolyBytes;
        }

        return offset;
    }
}
