using System.CommandLine;
using System.Globalization;

namespace CrossShard.Cli;

/// <summary>Builds options that take one word out of a fixed set, or a fraction, and refuse anything else in one sentence.</summary>
internal static class ChoiceOptions
{
    /// <summary>An option whose value must be one of <paramref name="choices"/> (exact, lower case).</summary>
    public static Option<string> OneOf(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description} ({string.Join('|', choices)}, default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !choices.Contains(result.Tokens[0].Value, StringComparer.Ordinal))
            {
                result.AddError($"{name} must be {string.Join(" or ", choices)}, got '{result.Tokens[0].Value}'");
            }
        });
        return option;
    }

    /// <summary>
    /// The lock policy option (<see cref="Core.Locks.LockPolicyNames"/>; default no-wait, the library's default).
    /// </summary>
    public static Option<string> LockPolicy() =>
        OneOf("--lock-policy", "what a prepare does when an account is locked: abort at once (no-wait), wait if older (wait-die), wait if younger (wait-for-older) or always, asking the shards one at a time in order (ordered); every wait is bounded", "no-wait", [.. Core.Locks.LockPolicyNames.All]);

    /// <summary>The policy a validated <see cref="LockPolicy()"/> value names.</summary>
    public static Core.Locks.LockPolicy LockPolicyOf(string? name) =>
        Core.Locks.LockPolicyNames.TryParse(name, out var policy) ? policy : throw new ArgumentException($"not a lock policy: {name}", nameof(name));

    /// <summary>An option whose value must be a number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<double> Fraction(string name, string description, double defaultValue, double min, double max)
    {
        var option = new Option<double>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} ({min}..{max}, default {defaultValue})"),
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1
                && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !(value >= min && value <= max))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}, got {result.Tokens[0].Value}"));
            }
        });
        return option;
    }
}
