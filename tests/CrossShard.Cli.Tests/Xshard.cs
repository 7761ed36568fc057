using CrossShard.Cli;

namespace CrossShard.Cli.Tests;

/// <summary>Runs the <c>xshard</c> command line in-process and captures what it printed.</summary>
internal static class Xshard
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await XshardApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The usage-error contract of every command: exit code 2, nothing on stdout, exactly one line on stderr that
    /// starts with "xshard: " and names the problem, and never a stack trace. Returns that line.
    /// </summary>
    public static string AssertUsageError((int Code, string Out, string Err) result, string expected)
    {
        Assert.Equal(XshardApp.UsageError, result.Code);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("xshard: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        return line;
    }
}
