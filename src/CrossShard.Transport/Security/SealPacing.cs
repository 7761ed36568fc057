namespace CrossShard.Transport.Security;

/// <summary>
/// How often a node may sign outbound envelopes. Signing is the costly step (ML-DSA-65 ≈ 0.5 ms); while a node
/// waits for its next turn, messages to every peer pile up and the next signature covers them all. An idle node
/// signs at once, so pacing costs latency only under load, when it buys throughput.
/// </summary>
/// <param name="MinInterval">The least time between the starts of two signing rounds.</param>
/// <param name="SigningShare">
/// The share of one core the signer may use: after a round that took <c>d</c>, the next starts no sooner than
/// <c>d / SigningShare</c> after it. 1 signs back to back.
/// </param>
public sealed record SealPacing(TimeSpan MinInterval, double SigningShare)
{
    /// <summary>The default: at most 8% of a core on signing, and never more than one round per millisecond.</summary>
    public static SealPacing Default { get; } = new(TimeSpan.FromMilliseconds(1), 0.08);

    /// <summary>Sign as soon as anything waits (lowest latency, most signatures).</summary>
    public static SealPacing Eager { get; } = new(TimeSpan.Zero, 1.0);

    /// <summary>Checks the values.</summary>
    public SealPacing Validate()
    {
        if (MinInterval < TimeSpan.Zero || MinInterval > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinInterval), MinInterval, "must be between 0 and 1 s");
        }

        if (!(SigningShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SigningShare), SigningShare, "must be in (0, 1]");
        }

        return this;
    }

    /// <summary>How long to wait before the next round, given when the last one started and how long it took.</summary>
    public TimeSpan DelayBeforeNext(TimeSpan sinceLastStart, TimeSpan lastDuration)
    {
        var spacing = TimeSpan.FromTicks(Math.Max(MinInterval.Ticks, (long)(lastDuration.Ticks / SigningShare)));
        var wait = spacing - sinceLastStart;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
