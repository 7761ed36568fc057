using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrossShard.Crypto.Channels;

/// <summary>One direction's AES-256-GCM key and IV for one epoch, and the step to the next epoch.</summary>
/// <remarks>
/// key_e = KDF(S_e, "aes-256-gcm key", u32 e, 32); iv_e = KDF(S_e, "aes-256-gcm iv", u32 e, 12);
/// S_{e+1} = KDF(S_e, "key update", u32 (e+1), 32). The per-record nonce is iv_e with its last 8 bytes XORed with
/// the little-endian 64-bit sequence number (the RFC 8446 §5.3 construction). Not thread-safe: the session
/// serializes access per direction.
/// </remarks>
internal sealed class TrafficKey : IDisposable
{
    public const int SecretSize = 32;
    private const int KeySize = 32;
    private const int IvSize = 12;

    private readonly byte[] _secret;
    private readonly byte[] _iv;
    private readonly AesGcm _aes;

    private TrafficKey(byte[] secret, uint epoch)
    {
        _secret = secret;
        Epoch = epoch;
        Span<byte> context = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(context, epoch);
        _iv = new byte[IvSize];
        ChannelKdf.Derive(secret, "aes-256-gcm iv"u8, context, _iv);
        Span<byte> key = stackalloc byte[KeySize];
        try
        {
            ChannelKdf.Derive(secret, "aes-256-gcm key"u8, context, key);
            _aes = new AesGcm(key, SecureSession.TagSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The epoch this key belongs to; carried in every record header.</summary>
    public uint Epoch { get; }

    /// <summary>Takes ownership of <paramref name="secret"/> (32 bytes) as the epoch-0 traffic secret.</summary>
    public static TrafficKey FromSecret(byte[] secret) => new(secret, 0);

    /// <summary>Derives the next epoch's key; the caller disposes this one.</summary>
    public TrafficKey Next()
    {
        var next = checked(Epoch + 1);
        Span<byte> context = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(context, next);
        var secret = new byte[SecretSize];
        ChannelKdf.Derive(_secret, "key update"u8, context, secret);
        return new TrafficKey(secret, next);
    }

    public void Encrypt(ulong sequence, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[IvSize];
        MakeNonce(sequence, nonce);
        _aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>Decrypts and authenticates; false (and a zeroed <paramref name="plaintext"/>) when the tag does not verify.</summary>
    public bool TryDecrypt(ulong sequence, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[IvSize];
        MakeNonce(sequence, nonce);
        try
        {
            _aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        CryptographicOperations.ZeroMemory(_iv);
        _aes.Dispose();
    }

    private void MakeNonce(ulong sequence, Span<byte> nonce)
    {
        _iv.CopyTo(nonce);
        var tail = nonce[4..];
        BinaryPrimitives.WriteUInt64LittleEndian(tail, BinaryPrimitives.ReadUInt64LittleEndian(tail) ^ sequence);
    }
}
