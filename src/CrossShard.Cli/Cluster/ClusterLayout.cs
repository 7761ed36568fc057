using System.Globalization;

namespace CrossShard.Cli.Cluster;

/// <summary>Where <c>xshard cluster init</c> puts a cluster's files, which every other cluster command reads.</summary>
internal sealed class ClusterLayout(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string Manifest => Path.Combine(Directory, "manifest.json");

    public string Genesis => Path.Combine(Directory, "genesis.json");

    public string DataRoot => Path.Combine(Directory, "data");

    public static string KeyFileName(int shard) => $"node-{shard}.key";

    public static string ConfigFileName(int shard) => $"node-{shard}.json";

    /// <summary>The data directory as the config names it (relative, so the cluster directory can move).</summary>
    public static string DataDirName(int shard) => Path.Combine("data", $"shard-{shard}");

    public string Config(int shard) => Path.Combine(Directory, ConfigFileName(shard));

    /// <summary>The node configs present, ordered by shard.</summary>
    public IReadOnlyList<string> NodeConfigs()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.GetFiles(Directory, "node-*.json")
            .Select(static path => (path, name: Path.GetFileNameWithoutExtension(path)["node-".Length..]))
            .Where(static p => int.TryParse(p.name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(static p => int.Parse(p.name, CultureInfo.InvariantCulture))
            .Select(static p => p.path)];
    }

    /// <summary>The name of genesis account <paramref name="index"/> of <paramref name="count"/>: acct-0000, acct-0001, … (wider when needed).</summary>
    public static string AccountName(int index, int count)
    {
        var width = Math.Max(4, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        return "acct-" + index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }
}
