using CrossShard.Crypto.KeyFiles;
using CrossShard.Crypto.Signing;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.KeyFiles;

public sealed class PublicKeyFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteThenRead_RoundTrips()
    {
        var path = _dir.File("node.pub");
        using var identity = NodeIdentity.Generate();
        PublicKeyFile.Write(path, identity.PublicKey);

        Assert.Equal(identity.PublicKey, PublicKeyFile.Read(path));
        Assert.Contains(identity.PublicKey.ToText(), File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ExistingFile_RefusesUnlessOverwrite()
    {
        var path = _dir.File("node.pub");
        using var first = NodeIdentity.Generate();
        using var second = NodeIdentity.Generate();
        PublicKeyFile.Write(path, first.PublicKey);

        Assert.Equal(KeyFileError.AlreadyExists, Assert.Throws<KeyFileException>(() => PublicKeyFile.Write(path, second.PublicKey)).Error);
        PublicKeyFile.Write(path, second.PublicKey, overwrite: true);
        Assert.Equal(second.PublicKey, PublicKeyFile.Read(path));
    }

    [Theory]
    [InlineData("", KeyFileError.Corrupt)]
    [InlineData("# only a comment\n", KeyFileError.Corrupt)]
    [InlineData("ML-DSA-65:AAAA\n", KeyFileError.Corrupt)]
    [InlineData("ML-DSA-65:@@@@\n", KeyFileError.Corrupt)]
    [InlineData("RSA-2048:AAAA\n", KeyFileError.UnknownAlgorithm)]
    public void Read_BadContent_IsTypedError(string content, KeyFileError expected)
    {
        var path = _dir.File("bad.pub");
        File.WriteAllText(path, content);

        Assert.Equal(expected, Assert.Throws<KeyFileException>(() => PublicKeyFile.Read(path)).Error);
    }

    [Fact]
    public void Read_TwoKeyLines_IsCorrupt()
    {
        var path = _dir.File("two.pub");
        using var a = NodeIdentity.Generate();
        using var b = NodeIdentity.Generate();
        File.WriteAllText(path, $"{a.PublicKey.ToText()}\n{b.PublicKey.ToText()}\n");

        Assert.Equal(KeyFileError.Corrupt, Assert.Throws<KeyFileException>(() => PublicKeyFile.Read(path)).Error);
    }

    [Fact]
    public void Read_OtherAlgorithmThanRequired_IsWrongAlgorithm()
    {
        var path = _dir.File("node.pub");
        using var identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa87);
        PublicKeyFile.Write(path, identity.PublicKey);

        Assert.Equal(KeyFileError.WrongAlgorithm, Assert.Throws<KeyFileException>(() => PublicKeyFile.Read(path, SignatureAlgorithm.MlDsa65)).Error);
    }

    [Fact]
    public void Read_MissingFile_IsNotFound()
    {
        Assert.Equal(KeyFileError.NotFound, Assert.Throws<KeyFileException>(() => PublicKeyFile.Read(_dir.File("absent.pub"))).Error);
    }
}
