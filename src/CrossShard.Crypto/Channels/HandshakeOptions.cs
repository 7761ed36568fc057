using System.Security.Cryptography;
using System.Text;
using CrossShard.Crypto.Hashing;

namespace CrossShard.Crypto.Channels;

/// <summary>Settings shared by <see cref="HandshakeInitiator"/> and <see cref="HandshakeResponder"/>.</summary>
/// <param name="clusterId">
/// The 32-byte cluster id both ends must agree on, e.g. <see cref="ClusterIdFromName"/> of the manifest's
/// cluster name. A ClientHello for another cluster is refused with <see cref="HandshakeError.WrongCluster"/>.
/// </param>
/// <remarks>
/// Adding a setting: default it safely, validate it in its <c>init</c> accessor, state default and range in its
/// doc, and say in docs/handshake.md whether it changes the wire.
/// </remarks>
public sealed class HandshakeOptions(Hash256 clusterId)
{
    /// <summary>Most protocol versions a ClientHello may offer.</summary>
    public const int MaxOfferedVersions = 8;

    private readonly IReadOnlyList<ushort> _supportedVersions = [HandshakeProtocol.CurrentVersion];
    private readonly SecureSessionOptions _session = SecureSessionOptions.Default;

    /// <summary>The cluster both ends must belong to; bound into the signed transcript.</summary>
    public Hash256 ClusterId { get; } = clusterId;

    /// <summary>
    /// Node protocol versions this end speaks, in any order. Default: [<see cref="HandshakeProtocol.CurrentVersion"/>].
    /// 1..8 distinct non-zero values. The initiator offers all of them; the responder picks the highest one both
    /// speak, and the signed transcript stops a man in the middle from removing the higher ones (downgrade).
    /// </summary>
    /// <exception cref="ArgumentException">Empty, more than 8, a zero, or a duplicate.</exception>
    public IReadOnlyList<ushort> SupportedVersions
    {
        get => _supportedVersions;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count is 0 or > MaxOfferedVersions)
            {
                throw new ArgumentException($"Between 1 and {MaxOfferedVersions} versions are required; got {value.Count}.", nameof(value));
            }

            if (value.Contains((ushort)0) || value.Distinct().Count() != value.Count)
            {
                throw new ArgumentException("Versions must be distinct and non-zero.", nameof(value));
            }

            _supportedVersions = [.. value];
        }
    }

    /// <summary>
    /// Source of nonces, ephemeral ML-KEM keys and encapsulation randomness. Default: null, the OS CSPRNG.
    /// Tests inject a fixed source for known-answer runs; never do that in production.
    /// </summary>
    public RandomNumberGenerator? Random { get; init; }

    /// <summary>Record and rekey limits of the resulting session. Default: <see cref="SecureSessionOptions.Default"/>.</summary>
    /// <exception cref="ArgumentException">The limits contradict each other (see <see cref="SecureSessionOptions.RekeyAfterBytes"/>).</exception>
    public SecureSessionOptions Session
    {
        get => _session;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            _session = value;
        }
    }

    /// <summary>Derives a cluster id from a cluster name: SHA3-256 of <c>"crossshard/v1/cluster-id\0"</c> followed by the UTF-8 name.</summary>
    public static Hash256 ClusterIdFromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Sha3.Hash(Encoding.UTF8.GetBytes("crossshard/v1/cluster-id\0" + name));
    }
}
