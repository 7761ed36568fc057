using CrossShard.Core.Timing;

namespace CrossShard.Network.Peers;

/// <summary>Serializes calls to an <see cref="IRandomSource"/>: the injected one (e.g. <see cref="SeededRandom"/>) need not be thread-safe, and every link draws jitter from it.</summary>
internal sealed class LockedRandom(IRandomSource inner) : IRandomSource
{
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public double NextDouble()
    {
        lock (_lock)
        {
            return inner.NextDouble();
        }
    }
}
