using System.Security.Cryptography;

namespace CrossShard.Crypto.Kem;

/// <summary>The result of encapsulation: the ciphertext to send and the shared secret to keep.</summary>
/// <remarks>Dispose zeroes the shared secret once keys have been derived from it.</remarks>
public sealed class KemEncapsulation : IDisposable
{
    private readonly byte[] _ciphertext;
    private readonly byte[] _sharedSecret;

    internal KemEncapsulation(byte[] ciphertext, byte[] sharedSecret)
    {
        _ciphertext = ciphertext;
        _sharedSecret = sharedSecret;
    }

    /// <summary>The ciphertext c, sent to the holder of the decapsulation key.</summary>
    public ReadOnlySpan<byte> Ciphertext => _ciphertext;

    /// <summary>The 32-byte shared secret K.</summary>
    public ReadOnlySpan<byte> SharedSecret => _sharedSecret;

    /// <inheritdoc/>
    public void Dispose() => CryptographicOperations.ZeroMemory(_sharedSecret);
}
