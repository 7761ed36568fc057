using CrossShard.Core.Effects;

namespace CrossShard.Storage;

/// <summary>
/// A shard's write-ahead log. The driver appends every record of a batch in one call (group commit);
/// when <c>sync</c> is true the call returns only once the records are durable.
/// </summary>
public interface IShardStore : IAsyncDisposable
{
    /// <summary>Appends <paramref name="records"/> atomically, durably when <paramref name="sync"/>.</summary>
    ValueTask AppendAsync(IReadOnlyList<LogRecord> records, bool sync, CancellationToken cancellationToken);
}
