using System.CommandLine;
using System.CommandLine.Parsing;

namespace CrossShard.Cli;

/// <summary>Reads an option's value inside a validator, where a token that does not parse already carries the parser's own error.</summary>
internal static class ParsedValue
{
    /// <summary>False when the option's token does not parse (its error is reported anyway); the value or default otherwise.</summary>
    public static bool TryGet<T>(CommandResult command, Option<T> option, out T value)
    {
        value = default!;
        try
        {
            value = command.GetValue(option)!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Reading an unparsable token throws; the parse error already names it.
            return false;
        }
    }
}
