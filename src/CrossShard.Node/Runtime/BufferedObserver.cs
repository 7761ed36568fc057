using System.Threading.Channels;
using CrossShard.Core.Effects;

namespace CrossShard.Node.Runtime;

/// <summary>
/// Hands protocol events to a slow or lock-taking observer (a history checker, a trace writer) on its own task, so
/// the nodes' loops only copy the batch and never wait for it. <see cref="DrainAsync"/> waits until everything
/// published so far was delivered.
/// </summary>
public sealed class BufferedObserver : IProtocolObserver, IAsyncDisposable
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IProtocolObserver _inner;
    private readonly Task _pump;

    /// <summary>Starts delivering to <paramref name="inner"/> on a background task.</summary>
    public BufferedObserver(IProtocolObserver inner)
    {
        _inner = inner;
        _pump = Task.Run(PumpAsync);
    }

    /// <inheritdoc />
    public void OnEvents(IReadOnlyList<ProtocolEvent> events) => _queue.Writer.TryWrite(events.ToArray());

    /// <summary>Completes once every batch published before the call has reached the inner observer.</summary>
    public Task DrainAsync()
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(marker) ? marker.Task : _pump;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item is ProtocolEvent[] events)
            {
                _inner.OnEvents(events);
            }
            else if (item is TaskCompletionSource marker)
            {
                marker.TrySetResult();
            }
        }
    }
}
