using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;

namespace CrossShard.Node.Tests.Manifest;

/// <summary>Deterministic node identities and manifests for the manifest and receipt tests.</summary>
internal static class ManifestTestData
{
    private static readonly Dictionary<(int, SignatureAlgorithm), NodeIdentity> Identities = [];

    /// <summary>The identity of node <paramref name="index"/>: seed bytes all equal to index + 1 (stable across runs).</summary>
    public static NodeIdentity Identity(int index, SignatureAlgorithm algorithm = SignatureAlgorithm.MlDsa65)
    {
        lock (Identities)
        {
            if (!Identities.TryGetValue((index, algorithm), out var identity))
            {
                var seed = Enumerable.Repeat((byte)(index + 1), SignatureAlgorithmInfo.SeedSize).ToArray();
                identity = NodeIdentity.FromSeed(algorithm, seed);
                Identities.Add((index, algorithm), identity);
            }

            return identity;
        }
    }

    public static ManifestShard Shard(int id, int keyIndex = -1) =>
        new(id, $"127.0.0.1:{7400 + id}", Identity(keyIndex < 0 ? id : keyIndex).PublicKey);

    public static ClusterManifest TestManifest(int shards = 3, string clusterId = "local-7f3a") =>
        new(clusterId, ["crossshard/1"], allowLegacy: false, Enumerable.Range(0, shards).Select(id => Shard(id)));
}

/// <summary>A fresh directory under the system temp path, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("crossshard-node-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
