using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Tests.Cluster;

public sealed class GenesisFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crossshard-genesis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveThenLoad_KeepsAccountsInOrder_AndTheirTotal()
    {
        var genesis = new GenesisFile([KeyValuePair.Create("b", 5L), KeyValuePair.Create("a", 7L), KeyValuePair.Create("c", 0L)]);
        var path = Path.Combine(_dir, "genesis.json");

        genesis.Save(path);
        var loaded = GenesisFile.Load(path);

        Assert.Equal(["b", "a", "c"], loaded.Accounts.Keys);
        Assert.Equal(12, loaded.Total);
    }

    [Theory]
    [InlineData("""{"format": 1, "accounts": {"a": -1}}""", "accounts.a: balance must not be negative, got -1")]
    [InlineData("""{"format": 1, "accounts": {"": 1}}""", "accounts.: is not a valid account id")]
    [InlineData("""{"format": 1, "accounts": {"a": 9223372036854775807, "b": 1}}""", "accounts: the balances add up to more than a 64-bit balance holds")]
    [InlineData("""{"format": 1, "accounts": {"a": 1, "a": 2}}""", "invalid JSON")]
    [InlineData("""{"format": 1, "accounts": {"a": null}}""", "accounts.a: balance is null")]
    [InlineData("""{"format": 1}""", "accounts: is missing")]
    [InlineData("""{"format": 2, "accounts": {}}""", "format: 2 is not supported")]
    [InlineData("""{"format": 1, "accounts": {"a": "ten"}}""", "accounts.a: invalid JSON")]
    public void Load_BrokenFile_NamesTheFileAndField(string json, string expected)
    {
        var path = Path.Combine(_dir, "genesis.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<NodeConfigException>(() => GenesisFile.Load(path));

        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
