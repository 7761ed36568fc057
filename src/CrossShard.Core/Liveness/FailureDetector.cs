using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Liveness;

/// <summary>
/// Heartbeat failure detection for one node, as a pure state machine: every interval it sends a heartbeat to each
/// peer and marks down a peer it has not heard from (any message counts) for <c>missed</c> intervals; a down peer
/// heard from again is up. Transitions are reported through <see cref="PeerDown"/> / <see cref="PeerUp"/> callbacks
/// the protocol wires to its coordinator, and as events.
/// </summary>
/// <remarks>
/// A peer not heard from since <see cref="Start"/> is not down during its grace period, yet nothing is known about
/// it: <see cref="Unheard"/> lists such peers, so readiness checks can wait until every peer has been heard from.
/// </remarks>
public sealed class FailureDetector
{
    private readonly ShardId _self;
    private readonly TimeSpan _interval;
    private readonly int _missedBeforeDown;
    private readonly Dictionary<ShardId, TimeSpan> _lastHeard = [];
    private readonly HashSet<ShardId> _down = [];
    private readonly HashSet<ShardId> _unheard = [];
    private TimeSpan _timerDue = TimeSpan.MinValue;

    /// <summary>Creates the detector of <paramref name="self"/> watching <paramref name="peers"/>.</summary>
    public FailureDetector(ShardId self, IEnumerable<ShardId> peers, TimeSpan interval, int missedBeforeDown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(missedBeforeDown, 1);
        _self = self;
        _interval = interval;
        _missedBeforeDown = missedBeforeDown;
        foreach (var peer in peers)
        {
            if (peer != self)
            {
                _lastHeard[peer] = TimeSpan.Zero;
                _unheard.Add(peer);
            }
        }
    }

    /// <summary>Called when a peer is marked down.</summary>
    public Action<ShardId, TimeSpan, EffectBuffer>? PeerDown { get; set; }

    /// <summary>Called when a down peer is heard from again.</summary>
    public Action<ShardId, TimeSpan, EffectBuffer>? PeerUp { get; set; }

    /// <summary>The peers currently marked down.</summary>
    public IReadOnlyCollection<ShardId> Down => _down;

    /// <summary>
    /// The peers not heard from yet (since this node was created). During the start-up grace period they are not
    /// <see cref="Down"/>, but whether their messages get here is not known yet either.
    /// </summary>
    public IReadOnlyCollection<ShardId> Unheard => _unheard;

    /// <summary>True when <paramref name="peer"/> is marked down.</summary>
    public bool IsDown(ShardId peer) => _down.Contains(peer);

    /// <summary>Starts watching at <paramref name="now"/>: every peer gets a full grace period, and the first heartbeat goes out at once.</summary>
    public void Start(TimeSpan now, EffectBuffer fx)
    {
        foreach (var peer in _lastHeard.Keys.ToList())
        {
            _lastHeard[peer] = now;
        }

        Beat(now, fx);
    }

    /// <summary>Any authenticated message from <paramref name="peer"/> is a sign of life.</summary>
    public void Heard(ShardId peer, TimeSpan now, EffectBuffer fx)
    {
        if (!_lastHeard.ContainsKey(peer))
        {
            return;
        }

        _lastHeard[peer] = now;
        _unheard.Remove(peer);
        if (_down.Remove(peer))
        {
            fx.Events.Add(new ProtocolEvent(now, peer, default, ProtocolEventKind.ShardUp));
            PeerUp?.Invoke(peer, now, fx);
        }
    }

    /// <summary>The heartbeat timer fired: judge every peer, send heartbeats, re-arm.</summary>
    public void OnTimer(TimerRequest timer, TimeSpan now, EffectBuffer fx)
    {
        if (timer.DueAt != _timerDue)
        {
            return;
        }

        var limit = _interval * _missedBeforeDown;
        foreach (var (peer, last) in _lastHeard)
        {
            if (now - last > limit && _down.Add(peer))
            {
                fx.Events.Add(new ProtocolEvent(now, peer, default, ProtocolEventKind.ShardDown));
                PeerDown?.Invoke(peer, now, fx);
            }
        }

        Beat(now, fx);
    }

    private void Beat(TimeSpan now, EffectBuffer fx)
    {
        var heartbeat = new Heartbeat(_self);
        foreach (var peer in _lastHeard.Keys)
        {
            fx.Messages.Add(new OutboundMessage(peer, heartbeat));
        }

        _timerDue = now + _interval;
        fx.Timers.Add(new TimerRequest(default, TimerKind.Heartbeat, _timerDue));
    }
}
