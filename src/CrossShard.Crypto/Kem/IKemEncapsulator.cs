namespace CrossShard.Crypto.Kem;

/// <summary>Creates shared secrets for holders of ML-KEM encapsulation keys.</summary>
/// <remarks>Implementations are thread-safe when their randomness source is.</remarks>
public interface IKemEncapsulator
{
    /// <summary>Generates a fresh shared secret and the ciphertext that conveys it to <paramref name="recipient"/>.</summary>
    KemEncapsulation Encapsulate(KemPublicKey recipient);
}
