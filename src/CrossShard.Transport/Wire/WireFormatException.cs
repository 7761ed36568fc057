namespace CrossShard.Transport.Wire;

/// <summary>Bytes that are not a valid encoding (truncated, oversized, unknown kind or value, inconsistent id).</summary>
public sealed class WireFormatException : Exception
{
    /// <summary>Creates the exception with a sentence saying what is wrong.</summary>
    public WireFormatException(string message)
        : base(message)
    {
    }
}
