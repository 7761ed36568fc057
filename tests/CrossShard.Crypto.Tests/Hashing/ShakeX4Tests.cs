using System.Security.Cryptography;
using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Tests.Hashing;

/// <summary>Four SHAKE streams side by side give, lane for lane, what the platform's single SHAKE gives.</summary>
public sealed class ShakeX4Tests
{
    // Input and output lengths around every block boundary of both rates, and the lengths ML-DSA uses (66 → 576/640).
    public static TheoryData<int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var rate in new[] { ShakeX4.Shake128Rate, ShakeX4.Shake256Rate })
        {
            foreach (var inputLength in new[] { 0, 1, 34, 66, rate - 1, rate, rate + 1, (2 * rate) + 7 })
            {
                foreach (var outputLength in new[] { 1, 8, 9, 576, 640, rate - 1, rate, rate + 1, (3 * rate) + 5 })
                {
                    data.Add(rate, inputLength, outputLength);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachLane_EqualsThePlatformShake(int rate, int inputLength, int outputLength)
    {
        Assert.SkipUnless(ShakeX4.IsSupported && Shake256.IsSupported, "needs AVX2 and the platform's SHAKE");
        var random = new Random((rate * 10_000) + (inputLength * 100) + outputLength);
        var inputs = Enumerable.Range(0, 4).Select(_ => RandomBytes(random, inputLength)).ToArray();
        var outputs = Enumerable.Range(0, 4).Select(_ => new byte[outputLength]).ToArray();

        ShakeX4.HashData(rate, inputs[0], inputs[1], inputs[2], inputs[3], outputs[0], outputs[1], outputs[2], outputs[3]);

        for (var lane = 0; lane < 4; lane++)
        {
            var expected = rate == ShakeX4.Shake128Rate
                ? Shake128.HashData(inputs[lane], outputLength)
                : Shake256.HashData(inputs[lane], outputLength);
            Assert.Equal(expected, outputs[lane]);
        }
    }

    [Fact]
    public void UnequalLengths_AreRefused()
    {
        Assert.SkipUnless(ShakeX4.IsSupported, "needs AVX2");
        var four = new byte[4];
        var three = new byte[3];
        var output = new byte[8];
        Assert.Throws<ArgumentException>(() => ShakeX4.HashData(ShakeX4.Shake256Rate, four, four, three, four, output, output, output, output));
        Assert.Throws<ArgumentException>(() => ShakeX4.HashData(ShakeX4.Shake256Rate, four, four, four, four, output, output, output, new byte[7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShakeX4.HashData(100, four, four, four, four, output, output, output, output));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
