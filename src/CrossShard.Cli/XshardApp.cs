using System.CommandLine;
using CrossShard.Cli.Demo;

namespace CrossShard.Cli;

/// <summary>The <c>xshard</c> command line: parses, reports bad usage in one line, runs the chosen command.</summary>
public static class XshardApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when a run completed but an invariant check failed.</summary>
    public const int InvariantFailed = 1;

    /// <summary>Exit code for bad usage: unknown flag, bad value.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when the command failed for another reason (message printed, no stack trace).</summary>
    public const int Failed = 3;

    /// <summary>Runs the command line <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("CrossShard: quantum-resistant cross-shard transactions (two-phase commit across shard nodes).")
        {
            DemoCommand.Create(output, error),
            Bench.BenchCommand.Create(output, error),
            Simulate.SimulateCommand.Create(output, error),
            Transactions.TxCommand.Create(output, error),
            Keys.KeygenCommand.Create(output, error),
            Receipts.ReceiptCommand.Create(output, error),
            Hosting.NodeCommand.Create(output, error),
            Cluster.ClusterCommand.Create(output, error),
            Client.SubmitCommand.Create(output, error),
            Client.StatusCommand.Create(output, error),
            Client.BalancesCommand.Create(output, error),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, never a stack trace or a page of help: scripts read the exit code, people read the sentence.
            var messages = string.Join("; ", parse.Errors.Select(static e => e.Message.ReplaceLineEndings(" ").TrimEnd('.')).Distinct());
            await error.WriteLineAsync($"xshard: {messages} (see 'xshard {CommandPath(parse)} --help')".Replace("'xshard  --help'", "'xshard --help'", StringComparison.Ordinal)).ConfigureAwait(false);
            return UsageError;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            if (parse.CommandResult.Command is ServiceCommand)
            {
                // A service handles SIGINT/SIGTERM itself and may need longer than the parser's grace period to drain.
                invocation.ProcessTerminationTimeout = null;
            }

            return await parse.InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"xshard: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Insert(0, result.Command.Name);
            }
        }

        return string.Join(' ', names).Trim();
    }
}
