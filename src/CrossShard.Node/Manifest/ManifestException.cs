namespace CrossShard.Node.Manifest;

/// <summary>A cluster manifest could not be loaded, parsed or saved; <see cref="Error"/> says why.</summary>
/// <remarks>The message names the file (when there is one) and the field or shard at fault, in one line.</remarks>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Which rule failed.</param>
    /// <param name="message">One line naming the field or shard and the problem.</param>
    /// <param name="innerException">The underlying JSON, crypto or I/O error, if any.</param>
    public ManifestException(ManifestError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Which rule failed.</summary>
    public ManifestError Error { get; }

    /// <summary>The same error with the file path in front of the message.</summary>
    internal ManifestException WithPath(string path) => new(Error, $"{path}: {Message}", InnerException);
}
