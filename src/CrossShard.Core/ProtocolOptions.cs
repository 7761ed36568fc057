using CrossShard.Core.Locks;
using CrossShard.Core.Timing;

namespace CrossShard.Core;

/// <summary>Timing and policy settings of the protocol state machines. Validated by <see cref="Validate"/>; defaults suit a LAN or one process.</summary>
public sealed record ProtocolOptions
{
    /// <summary>How long the coordinator collects votes before aborting. Default 5 s.</summary>
    public TimeSpan VoteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Backoff of Prepare retransmissions while votes are missing. Default 200 ms doubling to 2 s.</summary>
    public Backoff PrepareRetry { get; init; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    /// <summary>The most Prepare retransmissions per transaction; the vote timeout bounds them too. Default 5.</summary>
    public int MaxPrepareRetries { get; init; } = 5;

    /// <summary>Backoff of decision retransmissions until acknowledged (forever). Default 200 ms doubling to 10 s.</summary>
    public Backoff DecisionRetry { get; init; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    /// <summary>Backoff of an in-doubt participant's status queries. Default 1 s doubling to 30 s.</summary>
    public Backoff InDoubtQuery { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>How a participant treats a locked account. Default no-wait.</summary>
    public LockPolicy LockPolicy { get; init; } = LockPolicy.NoWait;

    /// <summary>
    /// Added to the protocol clock to make transaction ages (Prepare priorities, which the waiting lock policies
    /// compare across shards): the wall-clock time, since the Unix epoch, at which this node's protocol clock read zero.
    /// Node processes start at different moments, so their protocol clocks alone would make one node's transactions
    /// look older than another's forever. Zero (the default) where every node shares one clock (the simulator).
    /// </summary>
    public TimeSpan AgeOrigin { get; init; }

    /// <summary>The longest a waiter (wait-die, wait-for-older, ordered) waits for locks before voting NO. Default 500 ms.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a node sends heartbeats and judges its peers. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat intervals without any message from a peer before it is marked down. Default 3.</summary>
    public int MissedHeartbeatsBeforeDown { get; init; } = 3;

    /// <summary>How many finished transaction ids a coordinator remembers to refuse resubmissions and answer status. Default 1,000,000.</summary>
    public int CompletedRetention { get; init; } = 1_000_000;

    /// <summary>
    /// How many decided transactions a participant remembers, to answer late or duplicated Prepare, Decision and status
    /// messages without preparing or applying anything twice. Default 1,000,000, the durable store's decided window
    /// (a restarted participant remembers as much). Bounded so that a long-running node's memory is.
    /// </summary>
    public int DecidedRetention { get; init; } = 1_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public ProtocolOptions Validate()
    {
        Positive(VoteTimeout, nameof(VoteTimeout));
        Positive(LockWaitTimeout, nameof(LockWaitTimeout));
        Positive(HeartbeatInterval, nameof(HeartbeatInterval));
        if (MissedHeartbeatsBeforeDown is < 1 or > 1000)
        {
            throw new ArgumentException($"{nameof(MissedHeartbeatsBeforeDown)} must be between 1 and 1000, got {MissedHeartbeatsBeforeDown}");
        }

        Check(PrepareRetry, nameof(PrepareRetry));
        Check(DecisionRetry, nameof(DecisionRetry));
        Check(InDoubtQuery, nameof(InDoubtQuery));
        if (MaxPrepareRetries is < 0 or > 1000)
        {
            throw new ArgumentException($"{nameof(MaxPrepareRetries)} must be between 0 and 1000, got {MaxPrepareRetries}");
        }

        if (CompletedRetention < 0)
        {
            throw new ArgumentException($"{nameof(CompletedRetention)} must not be negative");
        }

        if (DecidedRetention < 1)
        {
            throw new ArgumentException($"{nameof(DecidedRetention)} must be at least 1, got {DecidedRetention}");
        }

        return this;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"{name} must be between 0 and 1 day, got {value}");
        }
    }

    private static void Check(Backoff backoff, string name)
    {
        Positive(backoff.Base, name + ".Base");
        Positive(backoff.Max, name + ".Max");
        if (backoff.Max < backoff.Base)
        {
            throw new ArgumentException($"{name}: the maximum backoff {backoff.Max} is below the base {backoff.Base}");
        }
    }
}
