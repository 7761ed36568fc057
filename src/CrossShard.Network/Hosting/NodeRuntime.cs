using CrossShard.Node.Api;
using CrossShard.Node.Runtime;

namespace CrossShard.Network.Hosting;

/// <summary>
/// The hosted node as the request handlers see it: the manager, its life state, and the count of client submissions
/// inside the node, which shutdown waits on. Admission and the state change share one lock, so no submission slips in
/// after shutdown began.
/// </summary>
public sealed class NodeRuntime
{
    private readonly Lock _gate = new();
    private NodeState _state = NodeState.Starting;
    private int _active;

    /// <summary>Wraps <paramref name="manager"/> (not yet started).</summary>
    public NodeRuntime(EnhancedCrossShardManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        Manager = manager;
    }

    /// <summary>The node.</summary>
    public EnhancedCrossShardManager Manager { get; }

    /// <summary>Where the node is in its life.</summary>
    public NodeState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Client submissions inside the node (admitted or waiting for a slot).</summary>
    public int ActiveSubmissions => Volatile.Read(ref _active);

    /// <summary>The node recovered and started: submissions are admitted from now on.</summary>
    public void MarkServing()
    {
        lock (_gate)
        {
            if (_state == NodeState.Starting)
            {
                _state = NodeState.Serving;
            }
        }
    }

    /// <summary>Shutdown began: every later submission is refused.</summary>
    public void MarkStopping()
    {
        lock (_gate)
        {
            _state = NodeState.Stopping;
        }
    }

    /// <summary>Admits one submission while serving; null (nothing admitted) otherwise. Dispose the ticket when it leaves the node.</summary>
    public Submission? TryAdmit()
    {
        lock (_gate)
        {
            if (_state != NodeState.Serving)
            {
                return null;
            }

            Interlocked.Increment(ref _active);
            return new Submission(this);
        }
    }

    /// <summary>The node's health, read on its loop when it is serving.</summary>
    public async Task<NodeHealth> HealthAsync()
    {
        var state = State;
        var shard = Manager.LocalShard.Value;
        var clusterId = Manager.Config.ClusterId;
        if (state != NodeState.Serving)
        {
            return new NodeHealth(shard, clusterId, NodeHealth.NameOf(state), [], [], Manager.InFlight, 0, 0);
        }

        try
        {
            // One read on the node's loop: the peers' states and the counts are of the same moment.
            var (down, unheard, coordinating, participating) = await Manager.Node.InspectAsync(static p => (
                p.Liveness.Down.Select(static d => d.Value).Order().ToArray(),
                p.Liveness.Unheard.Select(static u => u.Value).Order().ToArray(),
                p.Coordinator.ActiveCount,
                p.Participant.ActiveCount)).ConfigureAwait(false);
            return new NodeHealth(shard, clusterId, NodeHealth.NameOf(state), down, unheard, Manager.InFlight, coordinating, participating);
        }
        catch (NodeStoppedException)
        {
            return new NodeHealth(shard, clusterId, NodeHealth.NameOf(NodeState.Stopping), [], [], 0, 0, 0);
        }
    }

    /// <summary>One admitted submission; disposing it lets shutdown know it left the node.</summary>
    public sealed class Submission : IDisposable
    {
        private NodeRuntime? _owner;

        internal Submission(NodeRuntime owner) => _owner = owner;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _owner, null) is { } owner)
            {
                Interlocked.Decrement(ref owner._active);
            }
        }
    }
}
