namespace CrossShard.Core.Timing;

/// <summary>Exponential backoff with jitter and a cap: the delay before retry number <c>attempt</c> (0-based).</summary>
/// <param name="Base">The first delay.</param>
/// <param name="Max">The largest delay before jitter.</param>
public readonly record struct Backoff(TimeSpan Base, TimeSpan Max)
{
    /// <summary>
    /// base·2^attempt capped at <see cref="Max"/>, then "equal jitter": a uniform value in [d/2, d).
    /// The floor keeps retries from bunching at zero; the jitter keeps many senders from retrying in step.
    /// </summary>
    public TimeSpan DelayFor(int attempt, IRandomSource random)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var ticks = Math.Min(Max.Ticks, Base.Ticks * (1L << Math.Min(exponent, 20)));
        var half = ticks / 2;
        return TimeSpan.FromTicks(half + (long)(random.NextDouble() * half));
    }
}
