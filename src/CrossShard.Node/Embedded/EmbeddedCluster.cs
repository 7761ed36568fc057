using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;
using CrossShard.Crypto.Batching;
using CrossShard.Node.Api;
using System.Security.Cryptography;
using CrossShard.Storage;
using CrossShard.Transport;
using CrossShard.Transport.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrossShard.Node.Embedded;

/// <summary>
/// N shard nodes in one process over one network: the default way to run CrossShard on one machine and the
/// harness of the integration tests. Each node is a full <see cref="EnhancedCrossShardManager"/>.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly EnhancedCrossShardManager[] _nodes;
    private readonly List<IShardStore> _stores = [];
    private readonly ClusterKeys? _keys;
    private readonly bool _coordinateAtLastParticipant;

    /// <summary>Builds the nodes; open accounts, then <see cref="Start"/>.</summary>
    public EmbeddedCluster(EmbeddedClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Shards is < 1 or > ShardMap.MaxShards)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"shards must be between 1 and {ShardMap.MaxShards}, got {options.Shards}");
        }

        Map = new ShardMap(options.Shards);
        _coordinateAtLastParticipant = options.NodeConfig.LockPolicy == Core.Locks.LockPolicy.Ordered;
        _nodes = new EnhancedCrossShardManager[options.Shards];
        var time = options.Time ?? TimeProvider.System;
        var clusterId = options.ClusterId ?? $"embedded-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        if (options.Signatures || options.Network is null)
        {
            // Unsigned nodes still need the manifest's list of nodes; their keys are made but never used to sign.
            _keys = new ClusterKeys(options.Shards, clusterId);
            EnvelopeNetwork = options.EnvelopeNetwork ?? new InMemoryEnvelopeNetwork();
        }
        else
        {
            Network = options.Network;
        }

        Keys = options.Signatures ? _keys : null;

        // One cache for the whole process: a round's signature reaches every peer, and the peers all live here.
        var verified = options.Signatures ? new VerifiedSignatureCache() : null;
        var cpuLoad = CpuLoad.OfMachine(time);

        // A new epoch per start: peers accept sequence numbers starting over only with a larger epoch.
        var epoch = Epoch = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        var all = Enumerable.Range(0, options.Shards).ToArray();
        for (var i = 0; i < options.Shards; i++)
        {
            var config = options.NodeConfig with
            {
                LocalShard = i,
                ConnectedShards = all.Where(s => s != i).ToArray(),
                ClusterId = clusterId,
            };
            IShardNetwork network = Network
                ?? (Keys is not null
                    ? new SecureNodeNetwork(new ShardId(i), clusterId, Keys.IdentityOf(new ShardId(i)), Keys.Keyring, EnvelopeNetwork!, epoch, NullLogger.Instance, time, config.BatchSize, config.SealPacing.SharedBy(options.Shards), verified, cpuLoad)
                    : SecureNodeNetwork.WithoutSignatures(new ShardId(i), clusterId, _keys!.Keyring, EnvelopeNetwork!, epoch, NullLogger.Instance, time, config.BatchSize));
            _nodes[i] = new EnhancedCrossShardManager(
                config,
                network,
                store: CreateStore(options, new ShardId(i)),
                time: options.Time,
                random: new SeededRandom(unchecked((options.Seed * 7919) + i)),
                observer: options.Observer,
                identity: Keys?.IdentityOf(new ShardId(i)));
        }
    }

    private IShardStore? CreateStore(EmbeddedClusterOptions options, ShardId shard)
    {
        if (options.StoreFactory?.Invoke(shard) is not { } store)
        {
            return null;
        }

        _stores.Add(store);
        return store;
    }

    /// <summary>The nodes, indexed by shard.</summary>
    public IReadOnlyList<EnhancedCrossShardManager> Nodes => _nodes;

    /// <summary>The account-to-shard rule.</summary>
    public ShardMap Map { get; }

    /// <summary>The network of message objects the nodes share, when signatures are off and the caller gave one (<see cref="EmbeddedClusterOptions.Network"/>).</summary>
    public IShardNetwork? Network { get; }

    /// <summary>The network carrying the envelopes (signed, or unsigned when signatures are off), unless the caller gave a network of message objects.</summary>
    public IEnvelopeNetwork? EnvelopeNetwork { get; }

    /// <summary>The envelope epoch of this run of the nodes (milliseconds since the Unix epoch at construction).</summary>
    public ulong Epoch { get; }

    /// <summary>The nodes' identities and keyring, when signatures are on.</summary>
    public ClusterKeys? Keys { get; }

    /// <summary>
    /// The cluster manifest of this embedded cluster (cluster id, one entry per node with its public key), for
    /// verifying its receipts offline. Embedded nodes do not listen: the endpoints are placeholders on 127.0.0.1.
    /// </summary>
    public Manifest.ClusterManifest CreateManifest() => Keys is null
        ? throw new InvalidOperationException("a cluster without signatures has no keys to publish")
        : new Manifest.ClusterManifest(
            Keys.ClusterId,
            ["crossshard/1"],
            allowLegacy: false,
            Enumerable.Range(0, _nodes.Length).Select(i => new Manifest.ManifestShard(i, $"127.0.0.1:{7400 + i}", Keys.Keyring.Keys[new ShardId(i)])));

    /// <summary>True when messages between nodes are signed and verified.</summary>
    public bool SignaturesOn => Keys is not null;

    /// <summary>Genesis: opens an account on the shard that owns it.</summary>
    public void OpenAccount(string account, long balance) => _nodes[Map.ShardOf(account).Value].OpenAccount(account, balance);

    /// <summary>Starts every node (synchronous form of <see cref="StartAsync"/>).</summary>
    public void Start() => StartAsync().GetAwaiter().GetResult();

    /// <summary>Opens every node's store (genesis or recovery) and starts the nodes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var node in _nodes)
        {
            await node.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the nodes resumed from stores that already held state.</summary>
    public bool Resumed => _nodes.All(static n => n.Resumed);

    /// <summary>The node that coordinates <paramref name="transaction"/>: the owner of its first operation, so a transfer is coordinated where the funds leave.</summary>
    public EnhancedCrossShardManager CoordinatorFor(CrossShardTransaction transaction)
    {
        // The transaction's cached operation shards: the coordinator and the participants ask for them again.
        var shards = transaction.Transaction.OperationShards(Map);
        if (shards.IsEmpty)
        {
            return _nodes[0];
        }

        // Ordered acquisition asks the participants in shard order. Coordinated by the last of them, a transaction takes
        // that shard's locks within the batch that decides and releases them there: they are held for no round trip.
        var coordinator = _coordinateAtLastParticipant ? transaction.Transaction.ParticipantsIn(Map)[^1] : shards[0];
        return _nodes[coordinator.Value % _nodes.Length];
    }

    /// <summary>Submits through <see cref="CoordinatorFor"/>.</summary>
    public Task<TransactionOutcome> SubmitAsync(CrossShardTransaction transaction, CancellationToken cancellationToken = default) =>
        CoordinatorFor(transaction).InitiateCrossShardTransactionAsync(transaction, cancellationToken);

    /// <summary>Each shard's total balance, read on each node's loop.</summary>
    public async Task<long[]> ShardTotalsAsync()
    {
        var totals = new long[_nodes.Length];
        for (var i = 0; i < _nodes.Length; i++)
        {
            totals[i] = await _nodes[i].GetShardTotalAsync().ConfigureAwait(false);
        }

        return totals;
    }

    /// <summary>What is still unfinished on every node: unfinished coordinations, undecided participations and held locks.</summary>
    public async Task<ClusterActivity> ActivityAsync()
    {
        int coordinating = 0, participating = 0, locks = 0;
        foreach (var node in _nodes)
        {
            var (c, p, l) = await node.Node.InspectAsync(static s => (s.Coordinator.ActiveCount, s.Participant.ActiveCount, s.Participant.Locks.Count)).ConfigureAwait(false);
            coordinating += c;
            participating += p;
            locks += l;
        }

        return new ClusterActivity(coordinating, participating, locks);
    }

    /// <summary>Waits until nothing is unfinished anywhere (every decision acknowledged, every lock released), or the timeout passes.</summary>
    public async Task<ClusterActivity> WaitUntilQuietAsync(TimeSpan timeout, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var start = time.GetTimestamp();
        while (true)
        {
            var activity = await ActivityAsync().ConfigureAwait(false);
            if (activity.IsQuiet || time.GetElapsedTime(start) > timeout)
            {
                return activity;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), time).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every node.</summary>
    public async ValueTask StopAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync().ConfigureAwait(false);
        }

        // Closed only after every node stopped: a durable store must be released before it can be reopened.
        foreach (var store in _stores)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        _stores.Clear();
        _keys?.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync();
}
