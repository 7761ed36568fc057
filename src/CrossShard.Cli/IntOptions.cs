using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CrossShard.Cli;

/// <summary>Builds integer options that refuse values outside a range with a sentence naming the option and the range.</summary>
internal static class IntOptions
{
    public static Option<int> Ranged(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description} ({min}..{max}, default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result => CheckRange(result, name, min, max));
        return option;
    }

    /// <summary>An option with no value unless given; <paramref name="description"/> says what its absence means.</summary>
    public static Option<int?> OptionalRanged(string name, string description, int min, int max)
    {
        var option = new Option<int?>(name) { Description = $"{description} ({min}..{max})" };
        option.Validators.Add(result => CheckRange(result, name, min, max));
        return option;
    }

    private static void CheckRange(OptionResult result, string name, int min, int max)
    {
        // A token that is not an int already carries the parser's own error; reading the value would throw.
        if (result.Tokens.Count != 1 || !int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name} must be between {min} and {max}, got {value}");
        }
    }
}
