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
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{name} must be between {min} and {max}, got {value}");
            }
        });
        return option;
    }
}
