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
}
