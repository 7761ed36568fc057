namespace CrossShard.Transport.Security;

/// <summary>
/// How often a node may sign outbound envelopes. Signing is the costly step (ML-DSA-65 ≈ 0.15 ms); while a node
/// waits for its next turn, messages to every peer pile up and the next signature covers them all. An idle node
/// signs at once, so pacing costs latency only under load, when it buys throughput. Between idle and saturated the
/// budget slides: with spare CPU (<see cref="ICpuLoad"/>) the signer may use up to <see cref="IdleSigningShare"/>
/// and so answers sooner; as the cores fill up it falls back to <see cref="SigningShare"/>.
/// </summary>
/// <param name="MinInterval">The least time between the starts of two signing rounds.</param>
/// <param name="SigningShare">
/// The share of one core the signer may use: after a round that took <c>d</c>, the next starts no sooner than
/// <c>d / SigningShare</c> after it. 1 signs back to back.
/// </param>
/// <param name="MaxInterval">
/// The most the spacing may grow to, whatever a round took: a slow round (a cold start, a busy machine) must not
/// hold heartbeats and votes back for long. Null is 25 ms.
/// </param>
/// <param name="IdleSigningShare">
/// The share of one core the signer may use while the cores are idle; the share in use slides linearly from this
/// (all idle) to <see cref="SigningShare"/> (none idle). Null is <see cref="SigningShare"/>: a fixed budget.
/// </param>
public sealed record SealPacing(TimeSpan MinInterval, double SigningShare, TimeSpan? MaxInterval = null, double? IdleSigningShare = null)
{
    /// <summary>
    /// The default: 10% of a core on signing when the cores are busy, up to a whole core when they are idle; rounds
    /// at least 1 ms and at most 10 ms apart.
    /// </summary>
    public static SealPacing Default { get; } = new(TimeSpan.FromMilliseconds(1), 0.10, TimeSpan.FromMilliseconds(10), IdleSigningShare: 1.0);

    /// <summary>Sign as soon as anything waits (lowest latency, most signatures).</summary>
    public static SealPacing Eager { get; } = new(TimeSpan.Zero, 1.0);

    private TimeSpan Ceiling => MaxInterval ?? TimeSpan.FromMilliseconds(25);

    /// <summary>Checks the values.</summary>
    public SealPacing Validate()
    {
        if (MinInterval < TimeSpan.Zero || MinInterval > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinInterval), MinInterval, "must be between 0 and 1 s");
        }

        if (Ceiling < MinInterval || Ceiling > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInterval), MaxInterval, "must be between MinInterval and 1 s");
        }

        if (!(SigningShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SigningShare), SigningShare, "must be in (0, 1]");
        }

        if (IdleSigningShare is { } idle && !(idle >= SigningShare && idle <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(IdleSigningShare), IdleSigningShare, "must be between SigningShare and 1");
        }

        return this;
    }

    /// <summary>
    /// The pacing of each of <paramref name="nodes"/> nodes that run in one process (an embedded cluster): they share
    /// its cores, so they share the busy-time signing budget — each gets <c>SigningShare / nodes</c>, and together they
    /// sign as much as one node alone would. Without this, four embedded nodes on two cores would spend four times the
    /// budget, and at saturation the signatures alone would take a fifth of the machine. The idle share is not split:
    /// it applies in proportion to the cores' idle time, which signing itself uses up, so the nodes cannot overspend
    /// it; split, it kept four nodes from using idle cores for prompt rounds, and on a hot spot, where every signed hop
    /// lengthens a lock's hold, that cost a quarter of the throughput (docs/benchmarks.md, session 12).
    /// </summary>
    public SealPacing SharedBy(int nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        return this with { SigningShare = SigningShare / nodes };
    }

    /// <summary>The share of a core the signer may use when <paramref name="idleFraction"/> of the cores are idle.</summary>
    public double ShareAt(double idleFraction) =>
        SigningShare + (((IdleSigningShare ?? SigningShare) - SigningShare) * Math.Clamp(idleFraction, 0, 1));

    /// <summary>
    /// How long to wait before the next round, given when the last one started, how long it took, and the idle share
    /// of the cores (0, the default, paces by <see cref="SigningShare"/> alone).
    /// </summary>
    public TimeSpan DelayBeforeNext(TimeSpan sinceLastStart, TimeSpan lastDuration, double idleFraction = 0)
    {
        var spacing = TimeSpan.FromTicks(Math.Clamp((long)(lastDuration.Ticks / ShareAt(idleFraction)), MinInterval.Ticks, Math.Max(MinInterval.Ticks, Ceiling.Ticks)));
        var wait = spacing - sinceLastStart;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
