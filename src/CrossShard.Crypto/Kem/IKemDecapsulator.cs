namespace CrossShard.Crypto.Kem;

/// <summary>Holds an ML-KEM decapsulation key and recovers shared secrets from ciphertexts.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IKemDecapsulator : IDisposable
{
    /// <summary>The KEM algorithm.</summary>
    KemAlgorithm Algorithm { get; }

    /// <summary>The matching encapsulation key, to publish to peers.</summary>
    KemPublicKey EncapsulationKey { get; }

    /// <summary>
    /// Recovers the 32-byte shared secret. A ciphertext of the right length that was tampered with yields an
    /// unrelated pseudo-random secret (FIPS 203 implicit rejection), never an error, so the handshake fails later
    /// at key confirmation without an oracle.
    /// </summary>
    /// <exception cref="CryptoFormatException">The ciphertext has the wrong length.</exception>
    byte[] Decapsulate(ReadOnlySpan<byte> ciphertext);
}
