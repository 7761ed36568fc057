using System.Runtime.InteropServices;

namespace CrossShard.Cli.Cluster;

/// <summary>Sends a POSIX signal to a process (SIGTERM for a graceful stop); .NET's Process API only kills.</summary>
internal static partial class PosixSignals
{
    public const int SigTerm = 15;

    /// <summary>True when the signal was delivered.</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
