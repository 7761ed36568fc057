namespace CrossShard.Core;

/// <summary>An input that the protocol says cannot happen (for example COMMIT for a transaction this participant voted NO on). Thrown in tests, counted in production.</summary>
public sealed class ProtocolViolationException : Exception
{
    /// <summary>Creates the exception with a sentence saying what was impossible.</summary>
    public ProtocolViolationException(string message)
        : base(message)
    {
    }
}
