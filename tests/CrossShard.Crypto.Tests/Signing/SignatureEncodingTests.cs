using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Tests.Signing;

public sealed class SignatureEncodingTests
{
    [Fact]
    public void PublicKey_EncodeDecode_RoundTrips()
    {
        using var identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa87);
        var encoded = identity.PublicKey.Encode();

        Assert.Equal((byte)SignatureAlgorithm.MlDsa87, encoded[0]);
        Assert.Equal(1 + SignatureAlgorithm.MlDsa87.GetPublicKeySize(), encoded.Length);
        Assert.Equal(identity.PublicKey, SignaturePublicKey.Decode(encoded));
    }

    [Fact]
    public void PublicKey_Text_RoundTrips()
    {
        using var identity = NodeIdentity.Generate();
        var text = identity.PublicKey.ToText();

        Assert.StartsWith("ML-DSA-65:", text, StringComparison.Ordinal);
        Assert.Equal(identity.PublicKey, SignaturePublicKey.ParseText(text));
    }

    [Theory]
    [InlineData(0, CryptoFormatError.UnknownAlgorithm)]
    [InlineData(4, CryptoFormatError.UnknownAlgorithm)]
    [InlineData(255, CryptoFormatError.UnknownAlgorithm)]
    public void PublicKey_DecodeUnknownAlgorithmId_Throws(byte id, CryptoFormatError expected)
    {
        var encoded = new byte[1 + 1952];
        encoded[0] = id;

        Assert.Equal(expected, Assert.Throws<CryptoFormatException>(() => SignaturePublicKey.Decode(encoded)).Error);
    }

    [Fact]
    public void PublicKey_DecodeWrongLengthForAlgorithm_Throws()
    {
        // An ML-DSA-44-sized key labelled ML-DSA-65 (a downgrade or truncation) is rejected.
        var encoded = new byte[1 + 1312];
        encoded[0] = (byte)SignatureAlgorithm.MlDsa65;

        Assert.Equal(CryptoFormatError.WrongLength, Assert.Throws<CryptoFormatException>(() => SignaturePublicKey.Decode(encoded)).Error);
        Assert.Equal(CryptoFormatError.WrongLength, Assert.Throws<CryptoFormatException>(() => SignaturePublicKey.Decode([])).Error);
    }

    [Theory]
    [InlineData("ML-DSA-65")]
    [InlineData("ML-DSA-99:AAAA")]
    [InlineData("ML-DSA-65:not base64!")]
    [InlineData("ML-DSA-65:AAAA")]
    public void PublicKey_ParseBadText_Throws(string text)
    {
        Assert.Throws<CryptoFormatException>(() => SignaturePublicKey.ParseText(text));
    }

    [Fact]
    public void Signature_EncodeDecode_RoundTrips()
    {
        using var identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa44);
        var signature = identity.Sign("m"u8, SignatureContext.Vote);
        var encoded = signature.Encode();

        Assert.Equal((byte)SignatureAlgorithm.MlDsa44, encoded[0]);
        Assert.Equal(signature, Signature.Decode(encoded));
    }

    [Fact]
    public void Signature_DecodeTruncated_Throws()
    {
        using var identity = NodeIdentity.Generate();
        var encoded = identity.Sign("m"u8, SignatureContext.Vote).Encode();

        Assert.Equal(CryptoFormatError.WrongLength, Assert.Throws<CryptoFormatException>(() => Signature.Decode(encoded.AsSpan(0, encoded.Length - 1))).Error);
    }

    [Fact]
    public void Fingerprint_DependsOnKeyAndAlgorithm()
    {
        using var a = NodeIdentity.Generate();
        using var b = NodeIdentity.Generate();

        Assert.Equal(a.PublicKey.Fingerprint, SignaturePublicKey.Decode(a.PublicKey.Encode()).Fingerprint);
        Assert.NotEqual(a.PublicKey.Fingerprint, b.PublicKey.Fingerprint);
    }

    [Fact]
    public void AlgorithmNames_RoundTrip()
    {
        foreach (var algorithm in Enum.GetValues<SignatureAlgorithm>())
        {
            Assert.True(SignatureAlgorithmInfo.TryParseName(algorithm.GetName(), out var parsed));
            Assert.Equal(algorithm, parsed);
        }

        Assert.False(SignatureAlgorithmInfo.TryParseName("Ed25519", out _));
        Assert.Equal(SignatureAlgorithm.MlDsa65, SignatureAlgorithmInfo.Default);
    }
}
