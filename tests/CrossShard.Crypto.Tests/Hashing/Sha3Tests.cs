using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Tests.Hashing;

public sealed class Sha3Tests
{
    [Theory]
    [InlineData("", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")]
    [InlineData("abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    public void Hash_KnownAnswers(string input, string expectedHex)
    {
        Assert.Equal(expectedHex, Sha3.Hash(System.Text.Encoding.ASCII.GetBytes(input)).ToString());
    }

    [Theory]
    [InlineData("", 32, "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f")]
    [InlineData("abc", 64, "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4")]
    public void Shake256_KnownAnswers(string input, int length, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Sha3.Shake256(System.Text.Encoding.ASCII.GetBytes(input), length)));
    }

    [Fact]
    public void Hash_OnBothSidesOfThePlatformThreshold_IsTheSameFunction()
    {
        // Below the threshold the managed sponge hashes, from it on the platform (where it has SHA3): both must agree
        // with the incremental hasher, which is always managed.
        var random = new Random(3);
        foreach (var length in new[] { Sha3.PlatformThreshold - 1, Sha3.PlatformThreshold, Sha3.PlatformThreshold + 137, 100_000 })
        {
            var input = new byte[length];
            random.NextBytes(input);
            var hasher = Sha3.CreateHasher();
            hasher.Append(input);

            Assert.Equal(hasher.Finish(), Sha3.Hash(input));
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(Sha3.PlatformThreshold)]
    public void Hash_IntoAShortDestination_IsRefused(int length)
    {
        Assert.ThrowsAny<ArgumentException>(() => Sha3.Hash(new byte[length], new byte[Hash256.Size - 1]));
    }

    [Fact]
    public void Hash_OneMillionAs_KnownAnswer()
    {
        var input = new byte[1_000_000];
        Array.Fill(input, (byte)'a');

        Assert.Equal("5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1", Sha3.Hash(input).ToString());
    }

    [Fact]
    public void Hasher_PiecewiseEqualsOneShot()
    {
        var hasher = Sha3.CreateHasher();
        hasher.Append("a"u8);
        hasher.Append((byte)'b');
        hasher.Append("c"u8);

        Assert.Equal(Sha3.Hash("abc"u8), hasher.Finish());

        // Finish resets, so the hasher is reusable.
        Assert.Equal(Sha3.Hash([]), hasher.Finish());
    }

    [Fact]
    public void Hash256_BytesAndHex_RoundTrip()
    {
        var hash = Sha3.Hash("abc"u8);

        Assert.Equal(hash, Hash256.FromBytes(hash.ToArray()));
        Assert.Equal(hash, Hash256.ParseHex(hash.ToString()));
        Assert.NotEqual(hash, Sha3.Hash("abd"u8));
        Assert.Throws<CryptoFormatException>(() => Hash256.FromBytes(new byte[31]));
    }
}
