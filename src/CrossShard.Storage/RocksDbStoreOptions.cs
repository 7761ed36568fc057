namespace CrossShard.Storage;

/// <summary>Settings of a <see cref="RocksDbShardStore"/>.</summary>
public sealed class RocksDbStoreOptions
{
    /// <summary>The default of <see cref="DecidedWindow"/>.</summary>
    public const int DefaultDecidedWindow = 1_000_000;

    private readonly int _decidedWindow = DefaultDecidedWindow;

    /// <summary>
    /// How many of the most recent decisions (by insertion order) the <c>decided</c> column family keeps, so a late or
    /// repeated Prepare for a finished transaction is refused. Older entries are deleted in the write batch that pushes the
    /// count past the window plus one eviction chunk (<c>max(1, window / 64)</c>), so between <c>window</c> and
    /// <c>window + window / 64</c> decisions are kept. Default 1,000,000; at least 1. It can be changed between runs:
    /// a smaller window takes effect at the next eviction.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int DecidedWindow
    {
        get => _decidedWindow;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _decidedWindow = value;
        }
    }

    /// <summary>Decisions deleted at once when the window overflows: fewer, larger range deletions keep reads fast.</summary>
    internal ulong EvictionChunk => (ulong)Math.Max(1, DecidedWindow / 64);
}
