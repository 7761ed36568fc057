using System.Runtime.Versioning;
using CrossShard.Crypto.Hashing;
using CrossShard.Crypto.KeyFiles;
using CrossShard.Crypto.Signing;
using CrossShard.Crypto.Tests.Support;

namespace CrossShard.Crypto.Tests.KeyFiles;

public sealed class NodeKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(SignatureAlgorithm.MlDsa44)]
    [InlineData(SignatureAlgorithm.MlDsa65)]
    [InlineData(SignatureAlgorithm.MlDsa87)]
    public void WriteThenRead_RestoresSameIdentity(SignatureAlgorithm algorithm)
    {
        var path = _dir.File("node.key");
        using var original = NodeIdentity.Generate(algorithm);
        NodeKeyFile.Write(path, original);

        using var loaded = NodeKeyFile.Read(path);
        Assert.Equal(algorithm, loaded.Algorithm);
        Assert.Equal(original.PublicKey, loaded.PublicKey);
        Assert.True(MlDsa.CreateVerifier(original.PublicKey).Verify("x"u8, loaded.Sign("x"u8, SignatureContext.Vote), SignatureContext.Vote));
        Assert.Equal(NodeKeyFile.FileSize, new FileInfo(path).Length);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // guarded by the skip below
    public void Write_CreatesFileWithMode0600AndNoLeftovers()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
        }

        var path = _dir.File("node.key");
        using var identity = NodeIdentity.Generate();
        NodeKeyFile.Write(path, identity);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Write_ExistingFile_RefusesAndKeepsOriginal()
    {
        var path = _dir.File("node.key");
        using var first = NodeIdentity.Generate();
        using var second = NodeIdentity.Generate();
        NodeKeyFile.Write(path, first);

        var error = Assert.Throws<KeyFileException>(() => NodeKeyFile.Write(path, second));
        Assert.Equal(KeyFileError.AlreadyExists, error.Error);
        Assert.Equal(path, error.Path);
        using var loaded = NodeKeyFile.Read(path);
        Assert.Equal(first.PublicKey, loaded.PublicKey);
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Write_WithOverwrite_ReplacesFile()
    {
        var path = _dir.File("node.key");
        using var first = NodeIdentity.Generate();
        using var second = NodeIdentity.Generate();
        NodeKeyFile.Write(path, first);
        NodeKeyFile.Write(path, second, overwrite: true);

        using var loaded = NodeKeyFile.Read(path);
        Assert.Equal(second.PublicKey, loaded.PublicKey);
    }

    [Fact]
    public void Write_MissingDirectory_IsNotFound()
    {
        using var identity = NodeIdentity.Generate();

        Assert.Equal(KeyFileError.NotFound, Assert.Throws<KeyFileException>(() => NodeKeyFile.Write(_dir.File("missing/node.key"), identity)).Error);
    }

    [Fact]
    public void Read_MissingFile_IsNotFound()
    {
        Assert.Equal(KeyFileError.NotFound, Assert.Throws<KeyFileException>(() => NodeKeyFile.Read(_dir.File("absent.key"))).Error);
    }

    [Fact]
    public void Read_TruncatedFile_IsTruncated()
    {
        var bytes = ValidFile();

        Assert.Equal(KeyFileError.Truncated, ReadError(bytes[..30]));
        Assert.Equal(KeyFileError.Truncated, ReadError(bytes[..2]));
        Assert.Equal(KeyFileError.Truncated, ReadError([]));
    }

    [Fact]
    public void Read_FlippedSeedBit_IsCorrupt()
    {
        var bytes = ValidFile();
        bytes[20] ^= 0x10;

        Assert.Equal(KeyFileError.Corrupt, ReadError(bytes));
    }

    [Fact]
    public void Read_BadMagicOrTrailingData_IsCorrupt()
    {
        var badMagic = ValidFile();
        badMagic[0] = (byte)'Y';

        Assert.Equal(KeyFileError.Corrupt, ReadError(badMagic));
        Assert.Equal(KeyFileError.Corrupt, ReadError([.. ValidFile(), 0]));
        Assert.Equal(KeyFileError.Corrupt, ReadError("-----BEGIN PRIVATE KEY-----\n"u8.ToArray()));
    }

    [Fact]
    public void Read_FutureVersion_IsUnsupportedVersion()
    {
        var bytes = ValidFile();
        bytes[4] = 2;

        Assert.Equal(KeyFileError.UnsupportedVersion, ReadError(bytes));
    }

    [Fact]
    public void Read_UnknownAlgorithmWithValidChecksum_IsUnknownAlgorithm()
    {
        var bytes = ValidFile();
        bytes[5] = 42;
        RewriteChecksum(bytes);

        Assert.Equal(KeyFileError.UnknownAlgorithm, ReadError(bytes));
    }

    [Fact]
    public void Read_OtherAlgorithmThanRequired_IsWrongAlgorithm()
    {
        var path = _dir.File("node.key");
        using var identity = NodeIdentity.Generate(SignatureAlgorithm.MlDsa44);
        NodeKeyFile.Write(path, identity);

        Assert.Equal(KeyFileError.WrongAlgorithm, Assert.Throws<KeyFileException>(() => NodeKeyFile.Read(path, SignatureAlgorithm.MlDsa65)).Error);
        using var loaded = NodeKeyFile.Read(path, SignatureAlgorithm.MlDsa44);
        Assert.Equal(identity.PublicKey, loaded.PublicKey);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite | UnixFileMode.OtherRead)]
    [UnsupportedOSPlatform("windows")] // guarded by the skip below
    public void Read_AccessibleToGroupOrOther_IsInsecurePermissions(UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
        }

        var path = _dir.File("node.key");
        using var identity = NodeIdentity.Generate();
        NodeKeyFile.Write(path, identity);
        File.SetUnixFileMode(path, OwnerOnly | extra);

        Assert.Equal(KeyFileError.InsecurePermissions, Assert.Throws<KeyFileException>(() => NodeKeyFile.Read(path)).Error);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // guarded by the skip below
    public void Read_OwnerReadOnly_IsAccepted()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
        }

        var path = _dir.File("node.key");
        using var identity = NodeIdentity.Generate();
        NodeKeyFile.Write(path, identity);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        using var loaded = NodeKeyFile.Read(path);
        Assert.Equal(identity.PublicKey, loaded.PublicKey);
    }

    private byte[] ValidFile()
    {
        var path = _dir.File($"valid-{Guid.NewGuid():N}.key");
        using var identity = NodeIdentity.Generate();
        NodeKeyFile.Write(path, identity);
        return File.ReadAllBytes(path);
    }

    private KeyFileError ReadError(byte[] content)
    {
        var path = _dir.File($"case-{Guid.NewGuid():N}.key");
        File.WriteAllBytes(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }

        return Assert.Throws<KeyFileException>(() => NodeKeyFile.Read(path)).Error;
    }

    private static void RewriteChecksum(byte[] content)
    {
        var digest = Sha3.Hash(content.AsSpan(0, 40)).ToArray();
        digest.AsSpan(0, 8).CopyTo(content.AsSpan(40));
    }
}
