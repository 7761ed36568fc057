using System.Threading.Channels;
using CrossShard.Core;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;
using CrossShard.Storage;
using CrossShard.Transport;
using Microsoft.Extensions.Logging;

namespace CrossShard.Node.Runtime;

/// <summary>
/// The driver of one node: a single event loop owns the node's <see cref="ShardProtocol"/> and is its only I/O shell.
/// Each iteration drains up to a batch of inputs, fires due timers, then runs the batch's effects in a fixed order:
/// persist every record with one write (synced if any is forced), then send messages grouped by destination,
/// then publish events and answer clients (in that order: an answered client finds its outcome in the observers).
/// </summary>
public sealed partial class ShardNode : IMessageSink, IAsyncDisposable
{
    private readonly ShardProtocol _protocol;
    private readonly IShardStore _store;
    private readonly IShardNetwork _network;
    private readonly TimeProvider _time;
    private readonly ShardNodeSettings _settings;
    private readonly ILogger _logger;
    private readonly IProtocolObserver? _observer;
    private readonly Channel<NodeInput> _inbox;
    private readonly SemaphoreSlim _inFlight;
    private const int MaxOwnMessageRounds = 8;
    private EffectBuffer _fx = new();
    private EffectBuffer _writingFx = new();
    private readonly TimerQueue _timers = new();
    private readonly Dictionary<TxId, TaskCompletionSource<TransactionOutcome>> _pending = [];
    private readonly Dictionary<ShardId, List<ProtocolMessage>> _outbox = [];
    private readonly List<ProtocolMessage> _ownMessages = [];
    private List<(TaskCompletionSource<bool> Completion, bool Result)> _afterFlush = [];
    private List<(TaskCompletionSource<bool> Completion, bool Result)> _writingAfterFlush = [];
    private Task<TimeSpan>? _write;
    private readonly long _origin;
    private ITimer? _ticker;
    private Task? _loop;
    private int _tickPending;
    private int _inboxDepth;
    private long _violations;
    private volatile Exception? _failure;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly AdaptiveBatchSize _batchSize;
    private readonly NodeMetrics _metrics;

    /// <summary>Creates a node; nothing runs until <see cref="Start"/>.</summary>
    public ShardNode(
        ShardProtocol protocol,
        IShardStore store,
        IShardNetwork network,
        TimeProvider time,
        ShardNodeSettings settings,
        ILogger logger,
        IProtocolObserver? observer = null)
    {
        _protocol = protocol;
        _store = store;
        _network = network;
        _time = time;
        _settings = settings;
        _logger = logger;
        _observer = observer;
        _origin = time.GetTimestamp();
        _inFlight = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        _batchSize = new AdaptiveBatchSize(Math.Min(settings.MinBatch, settings.MaxBatch), settings.MaxBatch, settings.BatchLatencyTarget ?? TimeSpan.FromMilliseconds(5));
        // Peer traffic is never refused (a full inbox would let two nodes block each other); client admission is bounded instead.
        _inbox = Channel.CreateUnbounded<NodeInput>(new UnboundedChannelOptions { SingleReader = true });
        _metrics = new NodeMetrics(protocol.Self.Value, time, () => _batchSize.Current, () => Math.Max(0, Volatile.Read(ref _inboxDepth)), () => settings.MaxInFlight - _inFlight.CurrentCount);
    }

    /// <summary>The loop's current batch size (adapted to load between the configured bounds).</summary>
    public int BatchSize => _batchSize.Current;

    /// <summary>The shard this node serves.</summary>
    public ShardId Shard => _protocol.Self;

    /// <summary>Messages dropped because they broke the protocol or named the wrong sender.</summary>
    public long ProtocolViolations => Interlocked.Read(ref _violations);

    /// <summary>Client transactions admitted and not yet answered.</summary>
    public int InFlight => _settings.MaxInFlight - _inFlight.CurrentCount;

    /// <summary>Why the node stopped serving, if it failed.</summary>
    public Exception? Failure => _failure;

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>Connects the node to the network and starts its loop, resuming from <paramref name="recovered"/> (a restart) if given.</summary>
    public void Start(Storage.RecoveredState? recovered = null)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException($"node {Shard} is already started");
        }

        Post(new StartInput());
        if (recovered is not null)
        {
            // First in the inbox, so no message is handled before the locks and decisions of the log are back.
            Post(new RecoverInput(recovered.InDoubt, recovered.Decided, recovered.Committing, recovered.HeuristicDecisions));
        }

        _network.Register(Shard, this);
        _ticker = _time.CreateTimer(static state => ((ShardNode)state!).Tick(), this, _settings.TickInterval, _settings.TickInterval);
        _loop = Task.Run(RunAsync);
        LogMessages.NodeStarted(_logger, Shard);
    }

    /// <summary>
    /// Submits a transaction this node coordinates and waits for its outcome. Throws <see cref="InvalidTransactionException"/>
    /// when it is refused before entering the protocol (nothing applied), <see cref="NodeStoppedException"/> when the node stops first.
    /// </summary>
    public Task<TransactionOutcome> SubmitAsync(Transaction transaction, CancellationToken cancellationToken) =>
        SubmitAsync(transaction, AdmissionMode.WaitForSlot, cancellationToken);

    /// <summary>
    /// <see cref="SubmitAsync(Transaction, CancellationToken)"/> with a choice of what happens at the in-flight limit:
    /// <see cref="AdmissionMode.FailWhenBusy"/> throws <see cref="NodeBusyException"/> at once (nothing submitted).
    /// </summary>
    public async Task<TransactionOutcome> SubmitAsync(Transaction transaction, AdmissionMode admission, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        if (!_inFlight.Wait(0, CancellationToken.None))
        {
            if (admission == AdmissionMode.FailWhenBusy)
            {
                throw new NodeBusyException(Shard, _settings.MaxInFlight);
            }

            // Backpressure: wait for a slot, but not past the node's life.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            try
            {
                await _inFlight.WaitAsync(waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                ThrowIfStopped();
                throw new NodeStoppedException($"node {Shard} stopped while the submission waited for a slot");
            }
        }

        var completion = new TaskCompletionSource<TransactionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(new SubmitInput(transaction, completion)))
        {
            _inFlight.Release();
            ThrowIfStopped();
            throw new NodeStoppedException($"node {Shard} is stopped");
        }

        return await completion.Task.ConfigureAwait(false);
    }

    /// <summary>Reads the protocol state on the loop thread, where it is consistent.</summary>
    public async Task<T> InspectAsync<T>(Func<ShardProtocol, T> read)
    {
        ThrowIfStopped();
        var result = default(T)!;
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(new InspectInput(p => result = read(p), completion)))
        {
            throw new NodeStoppedException($"node {Shard} is stopped");
        }

        await completion.Task.ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Runs an operator command on the loop (for example a heuristic decision) and returns its result once the
    /// records it produced are durable.
    /// </summary>
    public async Task<bool> CommandAsync(Func<ShardProtocol, TimeSpan, EffectBuffer, bool> action)
    {
        ThrowIfStopped();
        var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(new CommandInput(action, completion)))
        {
            throw new NodeStoppedException($"node {Shard} is stopped");
        }

        return await completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    void IMessageSink.Deliver(ShardId from, IReadOnlyList<ProtocolMessage> batch) =>
        Post(new MessagesInput(from, batch));

    /// <summary>Disconnects, lets the loop finish the inputs it has, and fails the clients still waiting (their outcome is unknown to them).</summary>
    public async ValueTask StopAsync()
    {
        _network.Unregister(Shard);
        _inbox.Writer.TryComplete();
        if (_ticker is not null)
        {
            await _ticker.DisposeAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        var stopped = new NodeStoppedException($"node {Shard} stopped before the outcome was known; ask for the status later");
        FailPending(stopped);
        FailQueued(stopped);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _metrics.Dispose();
        LogMessages.NodeStopped(_logger, Shard);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync();

    // Every input goes through here so the inbox depth can be exported (the single-reader channel cannot count).
    private bool Post(NodeInput input)
    {
        if (!_inbox.Writer.TryWrite(input))
        {
            return false;
        }

        Interlocked.Increment(ref _inboxDepth);
        return true;
    }

    private void Tick()
    {
        if (Interlocked.Exchange(ref _tickPending, 1) == 0)
        {
            Post(TickInput.Instance);
        }
    }

    private void ThrowIfStopped()
    {
        if (_failure is { } failure)
        {
            throw new NodeStoppedException($"node {Shard} failed: {failure.Message}", failure);
        }

        if (_lifetime.IsCancellationRequested)
        {
            throw new NodeStoppedException($"node {Shard} is stopped");
        }
    }

    // Inputs still queued when the loop ended will never be handled: their callers must hear so.
    private void FailQueued(Exception reason)
    {
        while (_inbox.Reader.TryRead(out var input))
        {
            switch (input)
            {
                case SubmitInput submit:
                    submit.Completion.TrySetException(reason);
                    break;
                case CommandInput command:
                    command.Completion.TrySetException(reason);
                    break;
                case InspectInput inspect:
                    inspect.Completion.TrySetException(reason);
                    break;
            }
        }

        foreach (var (completion, _) in _afterFlush.Concat(_writingAfterFlush))
        {
            completion.TrySetException(reason);
        }

        _afterFlush.Clear();
        _writingAfterFlush.Clear();
    }

    private void FailPending(Exception reason)
    {
        foreach (var completion in _pending.Values)
        {
            completion.TrySetException(reason);
        }

        _pending.Clear();
    }
}
