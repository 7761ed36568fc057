namespace CrossShard.Core.Timing;

/// <summary>
/// A smoothed round-trip time (RFC 6298 style, gain 1/8) used to stretch retry delays when the cluster is slow:
/// retransmitting faster than answers can come back only adds load to an overloaded system.
/// </summary>
public sealed class RoundTripEstimator
{
    private TimeSpan _smoothed;

    /// <summary>The current estimate; zero before the first sample.</summary>
    public TimeSpan Smoothed => _smoothed;

    /// <summary>Adds one measured round trip.</summary>
    public void Sample(TimeSpan roundTrip)
    {
        if (roundTrip < TimeSpan.Zero)
        {
            return;
        }

        _smoothed = _smoothed == TimeSpan.Zero ? roundTrip : TimeSpan.FromTicks(_smoothed.Ticks - (_smoothed.Ticks / 8) + (roundTrip.Ticks / 8));
    }

    /// <summary><paramref name="backoff"/> with its base and cap raised to at least 2× and 8× the estimate.</summary>
    public Backoff Stretch(Backoff backoff)
    {
        var twice = _smoothed * 2;
        return twice <= backoff.Base ? backoff : new Backoff(twice, TimeSpan.FromTicks(Math.Max(backoff.Max.Ticks, twice.Ticks * 4)));
    }
}
