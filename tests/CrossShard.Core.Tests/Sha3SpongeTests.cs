using System.Security.Cryptography;
using CrossShard.Core.Hashing;

namespace CrossShard.Core.Tests;

/// <summary>The managed SHA3-256 against FIPS 202 answers and, byte for byte, against the platform's implementation.</summary>
public sealed class Sha3SpongeTests
{
    [Theory]
    [InlineData("", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")]
    [InlineData("abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376")]
    public void HashData_KnownAnswers(string input, string expectedHex)
    {
        var digest = new byte[Sha3Sponge.DigestSize];

        Sha3Sponge.HashData(System.Text.Encoding.ASCII.GetBytes(input), digest);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void HashData_OneMillionAs_KnownAnswer()
    {
        // FIPS 202's long message: 7,353 full blocks and a tail, so the multi-block absorb path is covered too.
        var input = new byte[1_000_000];
        Array.Fill(input, (byte)'a');
        var digest = new byte[Sha3Sponge.DigestSize];

        Sha3Sponge.HashData(input, digest);

        Assert.Equal("5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void HashData_MatchesThePlatform_AcrossBlockBoundaries()
    {
        Assert.SkipUnless(SHA3_256.IsSupported, "the platform has no SHA3-256 to compare with");
        var random = new Random(20261204);
        // Every length up to three blocks (136 bytes each) and past them: the pad byte lands on every offset.
        for (var length = 0; length <= 3 * 136 + 5; length++)
        {
            var input = new byte[length];
            random.NextBytes(input);
            var ours = new byte[Sha3Sponge.DigestSize];

            Sha3Sponge.HashData(input, ours);

            Assert.Equal(SHA3_256.HashData(input), ours);
        }
    }

    [Fact]
    public void Incremental_InAnyPieces_EqualsOneShot_AndResetsAfterFinish()
    {
        var random = new Random(7);
        var sponge = new Sha3Sponge();
        for (var trial = 0; trial < 200; trial++)
        {
            var input = new byte[random.Next(0, 700)];
            random.NextBytes(input);
            var offset = 0;
            while (offset < input.Length)
            {
                var piece = Math.Min(random.Next(0, 200), input.Length - offset);
                sponge.Append(input.AsSpan(offset, piece));
                offset += piece;
            }

            var incremental = new byte[Sha3Sponge.DigestSize];
            sponge.Finish(incremental);
            var oneShot = new byte[Sha3Sponge.DigestSize];
            Sha3Sponge.HashData(input, oneShot);

            Assert.Equal(oneShot, incremental);
        }
    }

    [Fact]
    public void ShortDestination_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Sha3Sponge.HashData("abc"u8, new byte[31]));
        Assert.Throws<ArgumentException>(() => new Sha3Sponge().Finish(new byte[31]));
    }
}
