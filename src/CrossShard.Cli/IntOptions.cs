using System.CommandLine;

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
        option.Validators.Add(result =>
        {
            // A token that is not an int already carries the parser's own error; reading the value would throw.
            if (result.Tokens.Count != 1 || !int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return;
            }

            if (value < min || value > max)
            {
                result.AddError($"{name} must be between {min} and {max}, got {value}");
            }
        });
        return option;
    }
}
