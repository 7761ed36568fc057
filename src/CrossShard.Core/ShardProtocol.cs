using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Ledger;
using CrossShard.Core.Liveness;
using CrossShard.Core.Messages;
using CrossShard.Core.Participation;
using CrossShard.Core.Timing;
using CrossShard.Core.Transactions;

namespace CrossShard.Core;

/// <summary>Everything one node runs: its coordinator and its shard's participant, with inputs routed to the right one.</summary>
public sealed class ShardProtocol
{
    /// <summary>Creates the protocol of node <paramref name="self"/> over its shard's <paramref name="ledger"/>.</summary>
    public ShardProtocol(ShardId self, ShardMap map, ShardLedger ledger, ProtocolOptions options, IRandomSource random)
    {
        Map = map;
        Participant = new Participant(self, map, ledger, options, random);
        Coordinator = new Coordinator(self, map, options, random, Participant.AnyLocked);
        Liveness = new FailureDetector(
            self,
            Enumerable.Range(0, map.ShardCount).Select(static i => new ShardId(i)),
            options.HeartbeatInterval,
            options.MissedHeartbeatsBeforeDown)
        {
            PeerDown = Coordinator.OnShardDown,
            PeerUp = (shard, _, _) => Coordinator.SetShardDown(shard, down: false),
        };
    }

    /// <summary>The heartbeat failure detector of this node.</summary>
    public FailureDetector Liveness { get; }

    /// <summary>Starts the failure detector (first heartbeats, grace period for every peer).</summary>
    public void Start(TimeSpan now, EffectBuffer fx) => Liveness.Start(now, fx);

    /// <summary>The node's shard.</summary>
    public ShardId Self => Coordinator.Self;

    /// <summary>The cluster's account-to-shard rule.</summary>
    public ShardMap Map { get; }

    /// <summary>The coordinator role of this node.</summary>
    public Coordinator Coordinator { get; }

    /// <summary>The participant role of this node.</summary>
    public Participant Participant { get; }

    /// <summary>Routes an authenticated message to the role it is for.</summary>
    public void Handle(ProtocolMessage message, TimeSpan now, EffectBuffer fx)
    {
        Liveness.Heard(message.From, now, fx);
        switch (message)
        {
            case Heartbeat:
                break;
            case Prepare prepare:
                Participant.Handle(prepare, now, fx);
                break;
            case Decision decision:
                Participant.Handle(decision, now, fx);
                break;
            case PeerStatusQuery peerQuery:
                Participant.Handle(peerQuery, now, fx);
                break;
            case PeerDecision peerDecision:
                Participant.Handle(peerDecision, now, fx);
                break;
            case Vote vote:
                Coordinator.Handle(vote, now, fx);
                break;
            case Ack ack:
                Coordinator.Handle(ack, now, fx);
                break;
            case StatusQuery query:
                Coordinator.Handle(query, now, fx);
                break;
            default:
                throw new ProtocolViolationException($"unknown message type {message.GetType().Name}");
        }
    }

    /// <summary>Routes a fired timer to the role that armed it.</summary>
    public void OnTimer(TimerRequest timer, TimeSpan now, EffectBuffer fx)
    {
        if (timer.Kind == TimerKind.Heartbeat)
        {
            Liveness.OnTimer(timer, now, fx);
        }
        else if (timer.Kind is TimerKind.LockWait or TimerKind.InDoubtQuery)
        {
            Participant.OnTimer(timer, now, fx);
        }
        else
        {
            Coordinator.OnTimer(timer, now, fx);
        }
    }
}
