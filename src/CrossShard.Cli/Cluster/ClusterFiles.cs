using System.Net;
using CrossShard.Crypto.KeyFiles;
using CrossShard.Crypto.Signing;
using CrossShard.Network.Hosting;
using CrossShard.Node.Manifest;

namespace CrossShard.Cli.Cluster;

/// <summary>
/// Writes a cluster on this machine into a <see cref="ClusterLayout"/>: one key file (0600) per node, the manifest,
/// the genesis and one config per node listening on 127.0.0.1. Used by <c>xshard cluster init</c> and by
/// <c>xshard bench --mode cluster</c>.
/// </summary>
internal static class ClusterFiles
{
    /// <summary>The ports of one node: gRPC (client API and peer links) and health.</summary>
    public readonly record struct NodePorts(int Grpc, int Health);

    /// <summary>
    /// The signing-round ceiling written for the nodes of a local cluster (<see cref="NodeTuning.MaxSigningIntervalMs"/>).
    /// Every node of it runs on this machine, so their rounds share its cores, and each peer verifies every round: with
    /// four nodes on two cores, 20 ms instead of the default 10 ms gave 11.6k instead of 9.4k committed transfers/s
    /// (docs/benchmarks.md).
    /// </summary>
    public const int SharedMachineSigningIntervalMs = 20;

    /// <summary>Writes node <c>i</c> with <paramref name="ports"/>[i]; the layout's directory and data root must exist.</summary>
    /// <exception cref="IOException">A file could not be written.</exception>
    /// <exception cref="KeyFileException">A key file could not be written.</exception>
    /// <exception cref="ManifestException">The manifest is invalid.</exception>
    /// <exception cref="NodeConfigException">A config is invalid.</exception>
    /// <param name="layout">Where the files go.</param>
    /// <param name="clusterId">The cluster id.</param>
    /// <param name="ports">The ports of each node.</param>
    /// <param name="genesis">The accounts funded at first start.</param>
    /// <param name="lockPolicy">Every node's lock policy; the default, no-wait, is left out of the configs, so they keep following the library's default.</param>
    public static void Write(ClusterLayout layout, string clusterId, IReadOnlyList<NodePorts> ports, GenesisFile genesis, Core.Locks.LockPolicy lockPolicy = Core.Locks.LockPolicy.NoWait)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(genesis);
        var entries = new List<ManifestShard>();
        for (var i = 0; i < ports.Count; i++)
        {
            using var identity = NodeIdentity.Generate();
            NodeKeyFile.Write(Path.Combine(layout.Directory, ClusterLayout.KeyFileName(i)), identity, overwrite: true);
            entries.Add(new ManifestShard(i, $"127.0.0.1:{ports[i].Grpc}", identity.PublicKey));
        }

        new ClusterManifest(clusterId, ["crossshard/1"], allowLegacy: false, entries).Save(layout.Manifest);
        genesis.Save(layout.Genesis);
        for (var i = 0; i < ports.Count; i++)
        {
            new NodeConfig
            {
                ClusterId = clusterId,
                Shard = i,
                Listen = new ListenAddress(IPAddress.Loopback, ports[i].Grpc),
                Health = new ListenAddress(IPAddress.Loopback, ports[i].Health),
                KeyFile = ClusterLayout.KeyFileName(i),
                ManifestFile = Path.GetFileName(layout.Manifest),
                DataDir = ClusterLayout.DataDirName(i),
                GenesisFile = Path.GetFileName(layout.Genesis),
                Tuning = new NodeTuning
                {
                    MaxSigningIntervalMs = SharedMachineSigningIntervalMs,
                    LockPolicy = lockPolicy == Core.Locks.LockPolicy.NoWait ? null : Core.Locks.LockPolicyNames.NameOf(lockPolicy),
                },
            }.Save(layout.Config(i));
        }
    }
}
