namespace CrossShard.Cli.Bench;

/// <summary>The requested benchmark target cannot run in this build or on this machine; the message says why in one line.</summary>
public sealed class BenchTargetUnavailableException : Exception
{
    /// <summary>Creates the exception with its one-line reason.</summary>
    public BenchTargetUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no reason.</summary>
    public BenchTargetUnavailableException()
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public BenchTargetUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
