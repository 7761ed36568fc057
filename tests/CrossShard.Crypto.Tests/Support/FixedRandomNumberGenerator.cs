using System.Security.Cryptography;

namespace CrossShard.Crypto.Tests.Support;

/// <summary>Hands out a fixed byte string once, and fails loudly if asked for more than it holds.</summary>
internal sealed class FixedRandomNumberGenerator(byte[] bytes) : RandomNumberGenerator
{
    private int _offset;

    public int Remaining => bytes.Length - _offset;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        if (data.Length > Remaining)
        {
            throw new InvalidOperationException($"Asked for {data.Length} random bytes; only {Remaining} left.");
        }

        bytes.AsSpan(_offset, data.Length).CopyTo(data);
        _offset += data.Length;
    }
}
