using CrossShard.Core.Ids;
using CrossShard.Core.Timing;
using CrossShard.Crypto.Channels;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Peers;

/// <summary>What every inbound stream and outbound link of one node shares: who it is, the manifest, limits, counters, clock and dice.</summary>
internal sealed record PeerLinkContext(
    ShardId Self,
    ClusterManifest Manifest,
    ISigner Identity,
    HandshakeOptions Handshake,
    PeerNetworkOptions Options,
    PeerNetworkStatistics Statistics,
    ILoggerFactory LoggerFactory,
    ILogger Logger,
    TimeProvider Time,
    IRandomSource Random);
