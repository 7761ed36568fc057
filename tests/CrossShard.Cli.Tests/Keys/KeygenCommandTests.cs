using CrossShard.Crypto.KeyFiles;
using CrossShard.Crypto.Signing;

namespace CrossShard.Cli.Tests.Keys;

public sealed class KeygenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crossshard-cli-keygen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Keygen_WritesA0600KeyFile_AndPrintsItsPublicKey()
    {
        var keyPath = Path.Combine(_dir, "node0.key");

        var (code, output, error) = await RunAsync("keygen", "--out", keyPath);

        Assert.Equal(XshardApp.Ok, code);
        Assert.Empty(error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ML-DSA-65:", line, StringComparison.Ordinal);
        using var identity = NodeKeyFile.Read(keyPath);
        Assert.Equal(identity.PublicKey, SignaturePublicKey.ParseText(line.Trim()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
    }

    [Fact]
    public async Task Keygen_PublicOut_WritesTheSameKey()
    {
        var keyPath = Path.Combine(_dir, "node1.key");
        var publicPath = Path.Combine(_dir, "node1.pub");

        var (code, output, _) = await RunAsync("keygen", "--out", keyPath, "--public-out", publicPath);

        Assert.Equal(XshardApp.Ok, code);
        Assert.Equal(PublicKeyFile.Read(publicPath), SignaturePublicKey.ParseText(output.Trim()));
        using var identity = NodeKeyFile.Read(keyPath);
        Assert.Equal(identity.PublicKey, PublicKeyFile.Read(publicPath));
    }

    [Theory]
    [InlineData("ML-DSA-44", SignatureAlgorithm.MlDsa44)]
    [InlineData("ml-dsa-87", SignatureAlgorithm.MlDsa87)]
    [InlineData("ML-DSA-65", SignatureAlgorithm.MlDsa65)]
    public async Task Keygen_Algorithm_IsHonoured(string name, SignatureAlgorithm expected)
    {
        var keyPath = Path.Combine(_dir, $"{name}.key");

        var (code, output, _) = await RunAsync("keygen", "--out", keyPath, "--algorithm", name);

        Assert.Equal(XshardApp.Ok, code);
        Assert.Equal(expected, SignaturePublicKey.ParseText(output.Trim()).Algorithm);
        using var identity = NodeKeyFile.Read(keyPath, expected);
        Assert.Equal(expected, identity.Algorithm);
    }

    [Fact]
    public async Task Keygen_ExistingKey_IsRefusedWithoutForce_AndLeftUntouched()
    {
        var keyPath = Path.Combine(_dir, "node.key");
        await RunAsync("keygen", "--out", keyPath);
        var before = File.ReadAllBytes(keyPath);

        var (code, output, error) = await RunAsync("keygen", "--out", keyPath);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        Assert.Equal($"xshard: {keyPath} already exists; refusing to overwrite it (use --force to replace it)", error.TrimEnd('\n'));
        Assert.Equal(before, File.ReadAllBytes(keyPath));
    }

    [Fact]
    public async Task Keygen_ExistingPublicOut_IsRefusedBeforeThePrivateKeyIsWritten()
    {
        var keyPath = Path.Combine(_dir, "fresh.key");
        var publicPath = Path.Combine(_dir, "taken.pub");
        File.WriteAllText(publicPath, "keep me");

        var (code, _, error) = await RunAsync("keygen", "--out", keyPath, "--public-out", publicPath);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Contains("taken.pub already exists", error, StringComparison.Ordinal);
        Assert.False(File.Exists(keyPath));
        Assert.Equal("keep me", File.ReadAllText(publicPath));
    }

    [Fact]
    public async Task Keygen_Force_ReplacesTheKey()
    {
        var keyPath = Path.Combine(_dir, "node.key");
        var publicPath = Path.Combine(_dir, "node.pub");
        var (_, first, _) = await RunAsync("keygen", "--out", keyPath, "--public-out", publicPath);

        var (code, second, error) = await RunAsync("keygen", "--out", keyPath, "--public-out", publicPath, "--force");

        Assert.Equal(XshardApp.Ok, code);
        Assert.Empty(error);
        Assert.NotEqual(first, second);
        using var identity = NodeKeyFile.Read(keyPath);
        Assert.Equal(SignaturePublicKey.ParseText(second.Trim()), identity.PublicKey);
        Assert.Equal(identity.PublicKey, PublicKeyFile.Read(publicPath));
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public async Task Keygen_MissingDirectory_FailsWithOneLine()
    {
        var keyPath = Path.Combine(_dir, "no", "such", "node.key");

        var (code, output, error) = await RunAsync("keygen", "--out", keyPath);

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("xshard: ", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keygen", "--out")]
    [InlineData("keygen --out k.key --algorithm RSA", "--algorithm must be ML-DSA-44, ML-DSA-65 or ML-DSA-87, got 'RSA'")]
    [InlineData("keygen --out k.key --colour", "--colour")]
    public async Task Keygen_BadUsage_IsExit2WithOneLine(string commandLine, string expected)
    {
        Xshard.AssertUsageError(await RunAsync(commandLine.Split(' ')), expected);
        Assert.False(File.Exists("k.key"));
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => Xshard.RunAsync(args);
}
