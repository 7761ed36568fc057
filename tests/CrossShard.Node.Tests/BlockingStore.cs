using CrossShard.Core.Effects;
using CrossShard.Storage;

namespace CrossShard.Node.Tests;

/// <summary>
/// An in-memory store whose appends block the caller while <see cref="Block"/> holds, like a slow sync, and that
/// shows what it held back.
/// </summary>
internal sealed class BlockingStore : IShardStore
{
    private readonly InMemoryShardStore _inner = new();
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly List<LogRecord> _blocked = [];
    private readonly TaskCompletionSource<IReadOnlyList<LogRecord>> _firstBlocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool AppendBlocksCaller => true;

    /// <summary>Every record of every append held back so far.</summary>
    public IReadOnlyList<LogRecord> Blocked
    {
        get
        {
            lock (_blocked)
            {
                return [.. _blocked];
            }
        }
    }

    public void Block() => _open.Reset();

    public void Release() => _open.Set();

    /// <summary>The records of the first append held back, once it arrives.</summary>
    public Task<IReadOnlyList<LogRecord>> FirstBlockedBatchAsync() => _firstBlocked.Task;

    public ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken) =>
        _inner.OpenAsync(identity, genesis, cancellationToken);

    public ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken)
    {
        if (!_open.IsSet)
        {
            lock (_blocked)
            {
                _blocked.AddRange(records);
            }

            _firstBlocked.TrySetResult([.. records]);
            _open.Wait(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return _inner.AppendAsync(records, sync, cancellationToken);
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
