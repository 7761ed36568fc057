namespace CrossShard.Core.Effects;

/// <summary>
/// Collects the effects of any number of inputs so the driver can run them as one group:
/// persist every record with one durable write, then send messages grouped by destination, set timers, answer clients.
/// The state machines only append; the driver reads and then <see cref="Clear"/>s.
/// </summary>
public sealed class EffectBuffer
{
    /// <summary>Records to persist, in order.</summary>
    public List<LogRecord> Records { get; } = [];

    /// <summary>Messages to send after the records are durable.</summary>
    public List<OutboundMessage> Messages { get; } = [];

    /// <summary>Timers to arm.</summary>
    public List<TimerRequest> Timers { get; } = [];

    /// <summary>Client answers to release after the records are durable.</summary>
    public List<ClientReply> Replies { get; } = [];

    /// <summary>Observable steps, in the order they happened.</summary>
    public List<ProtocolEvent> Events { get; } = [];

    /// <summary>True when any forced record is pending: the driver must sync before it sends.</summary>
    public bool HasForcedRecords
    {
        get
        {
            foreach (var record in Records)
            {
                if (record.IsForced)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when nothing is pending.</summary>
    public bool IsEmpty => Records.Count == 0 && Messages.Count == 0 && Timers.Count == 0 && Replies.Count == 0 && Events.Count == 0;

    /// <summary>Forgets everything, keeping the lists' capacity for the next batch.</summary>
    public void Clear()
    {
        Records.Clear();
        Messages.Clear();
        Timers.Clear();
        Replies.Clear();
        Events.Clear();
    }
}
