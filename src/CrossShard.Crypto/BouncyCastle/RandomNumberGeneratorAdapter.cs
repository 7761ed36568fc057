using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace CrossShard.Crypto.BouncyCastle;

/// <summary>Feeds BouncyCastle from an injected <see cref="RandomNumberGenerator"/> (or the OS CSPRNG).</summary>
/// <remarks>
/// Seed material is ignored on purpose: the source is either the OS CSPRNG, which needs none, or a test
/// fixture whose output must reach the algorithm byte for byte (ACVP <c>rnd</c> and <c>m</c> values).
/// </remarks>
internal sealed class RandomNumberGeneratorAdapter : IRandomGenerator
{
    private readonly RandomNumberGenerator? _source;

    private RandomNumberGeneratorAdapter(RandomNumberGenerator? source)
    {
        _source = source;
    }

    /// <summary>Wraps <paramref name="source"/> (null: the OS CSPRNG) as a BouncyCastle <see cref="SecureRandom"/>.</summary>
    public static SecureRandom CreateSecureRandom(RandomNumberGenerator? source) =>
        new(new RandomNumberGeneratorAdapter(source));

    public void AddSeedMaterial(byte[] seed)
    {
    }

    public void AddSeedMaterial(ReadOnlySpan<byte> seed)
    {
    }

    public void AddSeedMaterial(long seed)
    {
    }

    public void NextBytes(byte[] bytes) => NextBytes(bytes.AsSpan());

    public void NextBytes(byte[] bytes, int start, int len) => NextBytes(bytes.AsSpan(start, len));

    public void NextBytes(Span<byte> bytes) => Fill(_source, bytes);

    /// <summary>Fills <paramref name="destination"/> from <paramref name="source"/>, or from the OS CSPRNG when null.</summary>
    public static void Fill(RandomNumberGenerator? source, Span<byte> destination)
    {
        if (source is null)
        {
            RandomNumberGenerator.Fill(destination);
        }
        else
        {
            source.GetBytes(destination);
        }
    }
}
