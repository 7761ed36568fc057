using CrossShard.Core.Ids;

namespace CrossShard.Network.Peers;

/// <summary>
/// The live inbound stream of each authenticated peer. A peer dials one stream at a time, so a new one means the
/// old one is dead (e.g. the peer restarted and its FIN never arrived): ending the old one at once frees it
/// instead of waiting for TCP to notice.
/// </summary>
internal sealed class InboundStreamRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ShardId, LiveStream> _live = [];

    /// <summary>Registers a new stream of <paramref name="peer"/>, superseding (cancelling) the one before it.</summary>
    public LiveStream Enter(ShardId peer, CancellationToken streamEnd)
    {
        var stream = new LiveStream(this, peer, streamEnd);
        LiveStream? previous;
        lock (_lock)
        {
            _live.TryGetValue(peer, out previous);
            _live[peer] = stream;
        }

        // Outside the lock: cancelling runs the old stream's continuations, which leave the registry.
        previous?.Supersede();
        return stream;
    }

    private void Leave(LiveStream stream)
    {
        lock (_lock)
        {
            if (_live.TryGetValue(stream.Peer, out var current) && ReferenceEquals(current, stream))
            {
                _live.Remove(stream.Peer);
            }
        }
    }

    /// <summary>One registered stream; dispose when it ends.</summary>
    internal sealed class LiveStream : IDisposable
    {
        private readonly InboundStreamRegistry _registry;
        private readonly CancellationTokenSource _cancel;
        private volatile bool _superseded;

        public LiveStream(InboundStreamRegistry registry, ShardId peer, CancellationToken streamEnd)
        {
            _registry = registry;
            Peer = peer;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(streamEnd);
        }

        public ShardId Peer { get; }

        /// <summary>Fires when the stream ends or a newer stream of the same peer replaces it.</summary>
        public CancellationToken Token => _cancel.Token;

        /// <summary>True when a newer stream replaced this one.</summary>
        public bool Superseded => _superseded;

        public void Supersede()
        {
            _superseded = true;
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The old stream ended on its own meanwhile; nothing left to stop.
            }
        }

        public void Dispose()
        {
            _registry.Leave(this);
            _cancel.Dispose();
        }
    }
}
