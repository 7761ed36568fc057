using System.Reflection;

namespace CrossShard.Cli.Cluster;

/// <summary>How to start this same <c>xshard</c> again as a child: the apphost directly, or <c>dotnet xshard.dll</c> when running under the dotnet host.</summary>
internal static class SelfCommand
{
    public static (string FileName, IReadOnlyList<string> Prefix) Resolve()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        if (!Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return (process, []);
        }

        var entry = Assembly.GetEntryAssembly()?.Location;
        return string.IsNullOrEmpty(entry)
            ? throw new InvalidOperationException("running under the dotnet host, but the entry assembly's path is unknown")
            : (process, [entry]);
    }
}
