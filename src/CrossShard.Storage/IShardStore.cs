using CrossShard.Core.Effects;

namespace CrossShard.Storage;

/// <summary>
/// A shard's durable state: the write-ahead log of protocol records and the account state they produce.
/// The driver opens it once (recovery), then appends every record of a batch in one call (group commit);
/// when <c>sync</c> is true the call returns only once the records are durable.
/// </summary>
public interface IShardStore : IAsyncDisposable
{
    /// <summary>
    /// Opens the store for <paramref name="identity"/>: creates it with <paramref name="genesis"/> balances when it is
    /// new, otherwise checks that it belongs to this cluster and shard and returns what must be recovered.
    /// Throws <see cref="StoreException"/> naming the problem and the location for a store that is corrupt,
    /// truncated, of a newer format, or another cluster's or shard's — never resets it.
    /// </summary>
    ValueTask<RecoveredState> OpenAsync(StoreIdentity identity, IReadOnlyDictionary<string, long> genesis, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="records"/> atomically (one write batch), durably when <paramref name="sync"/>.
    /// A participant's COMMITTED record installs its writes into the account state in the same batch.
    /// </summary>
    ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="AppendAsync"/> does its I/O (a synced write) on the caller's thread before returning. The
    /// node then runs appends off its loop, one at a time and in order, and handles the next batch meanwhile
    /// (pipelined group commit); a store whose appends are cheap (in memory) is called inline.
    /// </summary>
    bool AppendBlocksCaller => false;
}
