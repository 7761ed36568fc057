using CrossShard.Core;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Node.Runtime;

/// <summary>One item of a node's inbox; the event loop is its only reader.</summary>
internal abstract record NodeInput;

/// <summary>A client's transaction and the completion to answer it through.</summary>
internal sealed record SubmitInput(Transaction Transaction, TaskCompletionSource<TransactionOutcome> Completion) : NodeInput;

/// <summary>A batch of messages from a peer (or this node itself).</summary>
internal sealed record MessagesInput(ShardId From, IReadOnlyList<ProtocolMessage> Batch) : NodeInput;

/// <summary>The clock moved: fire due timers.</summary>
internal sealed record TickInput : NodeInput
{
    public static TickInput Instance { get; } = new();
}

/// <summary>Runs <see cref="Action"/> on the loop thread, where the protocol state may be read safely.</summary>
internal sealed record InspectInput(Action<ShardProtocol> Action, TaskCompletionSource Completion) : NodeInput;

/// <summary>The durable state a restarted node resumes from; always the first input its loop handles.</summary>
internal sealed record RecoverInput(
    IReadOnlyList<Core.Effects.PreparedRecord> InDoubt,
    IReadOnlyDictionary<TxId, DecisionKind> Decided,
    IReadOnlyList<Core.Effects.CommitDecisionRecord> Committing,
    IReadOnlySet<TxId> Heuristic) : NodeInput;

/// <summary>The log write in flight finished: its batch's messages and answers may leave (no-op input that wakes the loop).</summary>
internal sealed record WriteDoneInput : NodeInput
{
    public static WriteDoneInput Instance { get; } = new();
}

/// <summary>The loop's first input: start the failure detector.</summary>
internal sealed record StartInput : NodeInput;

/// <summary>An operator command that changes protocol state; answered only after the batch's records are durable.</summary>
internal sealed record CommandInput(Func<ShardProtocol, TimeSpan, Core.Effects.EffectBuffer, bool> Action, TaskCompletionSource<bool> Completion) : NodeInput;
