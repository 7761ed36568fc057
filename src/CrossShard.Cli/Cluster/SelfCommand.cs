using System.Reflection;

namespace CrossShard.Cli.Cluster;

/// <summary>
/// How to start this same <c>xshard</c> again as a child: the apphost directly, or <c>dotnet xshard.dll</c> when running
/// under the dotnet host or inside another program that loaded xshard.dll (a test host).
/// </summary>
internal static class SelfCommand
{
    public static (string FileName, IReadOnlyList<string> Prefix) Resolve()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        var self = typeof(SelfCommand).Assembly;
        var processName = Path.GetFileNameWithoutExtension(process);
        if (processName.Equals(self.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return (process, []);
        }

        // Not the xshard apphost: run xshard.dll (this assembly, wherever it was loaded from) under the dotnet host.
        var entry = self.Location;
        if (string.IsNullOrEmpty(entry))
        {
            throw new InvalidOperationException("the path of xshard.dll is unknown");
        }

        var host = processName.Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        return (host, [entry]);
    }
}
