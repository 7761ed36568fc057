using System.Diagnostics;
using CrossShard.Network.Hosting;

namespace CrossShard.Cli.Cluster;

/// <summary>One <c>xshard node</c> child of <c>cluster up</c>: started with its output prefixed by its shard, stopped with SIGTERM then, after a timeout, killed.</summary>
internal sealed class ChildNode : IDisposable
{
    private readonly Process _process;

    private ChildNode(NodeConfig config, Process process)
    {
        Config = config;
        _process = process;
    }

    public NodeConfig Config { get; }

    public int Shard => Config.Shard;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// CPU time (user + system) the child has used so far; null once it has exited. On Linux .NET reads it from
    /// <c>/proc/&lt;pid&gt;/stat</c> (utime + stime over the clock tick rate).
    /// </summary>
    public TimeSpan? CpuTime
    {
        get
        {
            try
            {
                return _process.HasExited ? null : _process.TotalProcessorTime;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Exited between the check and the read.
                return null;
            }
        }
    }

    /// <summary>Completes when the child exits.</summary>
    public Task Exited => _process.WaitForExitAsync();

    public static ChildNode Start(string configPath, NodeConfig config, TextWriter output, Lock outputLock)
    {
        var (fileName, prefix) = SelfCommand.Resolve();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(["node", "--config", configPath]))
        {
            start.ArgumentList.Add(argument);
        }

        // Several nodes on one machine starve the runtime's background tier-up thread: code compiled at tier 0 stays
        // there and the instrumented (PGO) tier adds to it (4-node bench with quick JIT and PGO on: ~2,600 committed/s
        // against ~11,300 with both off). Child nodes therefore compile every method fully optimized at its first call
        // and skip the instrumented tier. They also use workstation GC (still concurrent): server GC gives each of
        // four processes a heap and a collector thread per core of a machine they share (4-node bench, back to back:
        // 12.1-12.2k committed/s and p99 ~134 ms against 11.0-11.7k and ~160 ms). A node alone on its machine, and the
        // in-process demo and bench, keep xshard's defaults. An explicit setting in the caller's environment wins.
        foreach (var (variable, value) in new[] { ("DOTNET_TieredPGO", "0"), ("DOTNET_TC_QuickJit", "0"), ("DOTNET_gcServer", "0") })
        {
            if (Environment.GetEnvironmentVariable(variable) is null)
            {
                start.Environment[variable] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var tag = $"[shard {config.Shard}] ";
        DataReceivedEventHandler forward = (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (outputLock)
                {
                    output.WriteLine(tag + text);
                    output.Flush();
                }
            }
        };
        process.OutputDataReceived += forward;
        process.ErrorDataReceived += forward;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildNode(config, process);
    }

    /// <summary>Asks the child to stop (SIGTERM); kills it if it has not exited within <paramref name="timeout"/>. True when it stopped by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout, TimeProvider time)
    {
        if (_process.HasExited)
        {
            return true;
        }

        PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
        using var deadline = new CancellationTokenSource(timeout, time);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
