using System.CommandLine;

namespace CrossShard.Cli.Cluster;

/// <summary><c>xshard cluster</c>: create a multi-process cluster on this machine and run it.</summary>
internal static class ClusterCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("cluster", "Create and run a cluster of node processes on this machine.")
        {
            ClusterInitCommand.Create(output, error),
            ClusterUpCommand.Create(output, error),
        };
}
