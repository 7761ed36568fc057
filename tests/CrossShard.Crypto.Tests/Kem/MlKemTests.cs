using CrossShard.Crypto.Kem;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.Kem;

public sealed class MlKemTests
{
    public static TheoryData<KemAlgorithm> Algorithms => [KemAlgorithm.MlKem512, KemAlgorithm.MlKem768, KemAlgorithm.MlKem1024];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void EncapsulateThenDecapsulate_AgreeOnSecret(KemAlgorithm algorithm)
    {
        using var keyPair = MlKemKeyPair.Generate(algorithm);
        using var encapsulation = new MlKemEncapsulator().Encapsulate(keyPair.EncapsulationKey);

        Assert.Equal(algorithm.GetCiphertextSize(), encapsulation.Ciphertext.Length);
        Assert.Equal(32, encapsulation.SharedSecret.Length);
        Assert.Equal(encapsulation.SharedSecret.ToArray(), keyPair.Decapsulate(encapsulation.Ciphertext));
    }

    [Fact]
    public void Decapsulate_TamperedCiphertext_GivesDifferentSecret()
    {
        using var keyPair = MlKemKeyPair.Generate();
        using var encapsulation = new MlKemEncapsulator().Encapsulate(keyPair.EncapsulationKey);
        var tampered = encapsulation.Ciphertext.ToArray();
        tampered[0] ^= 1;

        Assert.NotEqual(encapsulation.SharedSecret.ToArray(), keyPair.Decapsulate(tampered));
    }

    [Fact]
    public void Decapsulate_OtherKeyPair_GivesDifferentSecret()
    {
        using var keyPair = MlKemKeyPair.Generate();
        using var other = MlKemKeyPair.Generate();
        using var encapsulation = new MlKemEncapsulator().Encapsulate(keyPair.EncapsulationKey);

        Assert.NotEqual(encapsulation.SharedSecret.ToArray(), other.Decapsulate(encapsulation.Ciphertext));
    }

    [Fact]
    public void Decapsulate_WrongLength_Throws()
    {
        using var keyPair = MlKemKeyPair.Generate();

        Assert.Equal(CryptoFormatError.WrongLength, Assert.Throws<CryptoFormatException>(() => keyPair.Decapsulate(new byte[1087])).Error);
    }

    [Fact]
    public void Generate_Default_IsMlKem768AndUsesInjectedRandom()
    {
        var seed = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        using var generated = MlKemKeyPair.Generate(random: new FixedRandomNumberGenerator(seed));
        using var derived = MlKemKeyPair.FromSeed(KemAlgorithm.MlKem768, seed);

        Assert.Equal(KemAlgorithm.MlKem768, generated.Algorithm);
        Assert.Equal(derived.EncapsulationKey, generated.EncapsulationKey);
    }

    [Fact]
    public void ImportDecapsulationKey_RoundTripsAndRejectsCorruption()
    {
        using var keyPair = MlKemKeyPair.Generate();
        var dk = keyPair.ExportDecapsulationKey();
        using var imported = MlKemKeyPair.ImportDecapsulationKey(KemAlgorithm.MlKem768, dk);
        Assert.Equal(keyPair.EncapsulationKey, imported.EncapsulationKey);

        // Flip a bit inside the embedded ek: the embedded H(ek) no longer matches.
        dk[(768 * 3) / 2 + 500] ^= 1;
        Assert.Equal(CryptoFormatError.Malformed, Assert.Throws<CryptoFormatException>(() => MlKemKeyPair.ImportDecapsulationKey(KemAlgorithm.MlKem768, dk)).Error);
    }

    [Fact]
    public void PublicKey_UnreducedCoefficient_IsRejected()
    {
        using var keyPair = MlKemKeyPair.Generate();
        var ek = keyPair.EncapsulationKey.KeyBytes.ToArray();
        ek[0] = 0xFF;
        ek[1] |= 0x0F; // first 12-bit coefficient becomes 0xFFF = 4095 >= q

        Assert.False(MlKemKeyValidation.IsValidEncapsulationKey(KemAlgorithm.MlKem768, ek));
        Assert.Equal(CryptoFormatError.Malformed, Assert.Throws<CryptoFormatException>(() => KemPublicKey.Create(KemAlgorithm.MlKem768, ek)).Error);
    }

    [Fact]
    public void PublicKey_EncodeDecode_RoundTrips()
    {
        using var keyPair = MlKemKeyPair.Generate(KemAlgorithm.MlKem1024);
        var encoded = keyPair.EncapsulationKey.Encode();

        Assert.Equal((byte)KemAlgorithm.MlKem1024, encoded[0]);
        Assert.Equal(keyPair.EncapsulationKey, KemPublicKey.Decode(encoded));
        Assert.Equal(CryptoFormatError.UnknownAlgorithm, Assert.Throws<CryptoFormatException>(() => KemPublicKey.Decode([9, .. encoded[1..]])).Error);
    }
}
