using CrossShard.Cli.Measurement;

namespace CrossShard.Cli.Bench;

/// <summary>
/// <c>xshard bench --signatures both</c>: the same run signed and unsigned, alternately, several rounds in one
/// process, and the ratio of each round. One pair of runs does not settle a ratio near the goal's 0.8 on a shared
/// machine (single seconds of one window spread by up to a factor of two); alternating the order cancels a drift,
/// and every run after the first starts with compiled code, so the ratio is not the JIT's.
/// </summary>
/// <param name="Rounds">Each round: its signed run, its unsigned run, and their ratio.</param>
public sealed record SignatureComparison(IReadOnlyList<SignatureComparisonRound> Rounds)
{
    /// <summary>The middle ratio of the rounds (the lower middle of an even count).</summary>
    public double MedianRatio => LowerMedian.Of(Rounds.Select(r => r.Ratio));

    /// <summary>The lowest ratio of the rounds.</summary>
    public double MinRatio => Rounds.Min(r => r.Ratio);

    /// <summary>The highest ratio of the rounds.</summary>
    public double MaxRatio => Rounds.Max(r => r.Ratio);

    /// <summary>True when every run of every round passed its checks.</summary>
    public bool InvariantsHold => Rounds.All(r => r.Signed.InvariantsHold && r.Unsigned.InvariantsHold);
}

/// <summary>One round of a <see cref="SignatureComparison"/>.</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="SignedFirst">Whether the signed run went first in this round (the order alternates).</param>
/// <param name="Signed">The signed run's report.</param>
/// <param name="Unsigned">The unsigned run's report.</param>
public sealed record SignatureComparisonRound(int Round, bool SignedFirst, BenchReport Signed, BenchReport Unsigned)
{
    /// <summary>Signed committed/s over unsigned committed/s (0 when the unsigned run committed nothing).</summary>
    public double Ratio => Unsigned.CommittedPerSec > 0 ? Signed.CommittedPerSec / Unsigned.CommittedPerSec : 0;
}
