namespace CrossShard.Cli.Measurement;

/// <summary>The middle of a set of measurements, taking the lower of the two middles of an even count (never an average of two runs).</summary>
public static class LowerMedian
{
    /// <summary>The lower median of <paramref name="values"/>, which must not be empty.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static T Of<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? throw new ArgumentException("no values", nameof(values))
            : sorted[(sorted.Length - 1) / 2];
    }
}
