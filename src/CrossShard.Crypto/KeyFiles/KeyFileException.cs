namespace CrossShard.Crypto.KeyFiles;

/// <summary>A key file could not be read or written; <see cref="Error"/> says why, <see cref="Path"/> says which.</summary>
public sealed class KeyFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the operation failed.</param>
    /// <param name="path">The key file involved.</param>
    /// <param name="message">Detail for the operator, including what to do.</param>
    /// <param name="innerException">The underlying I/O error, if any.</param>
    public KeyFileException(KeyFileError error, string path, string message, Exception? innerException = null)
        : base($"{path}: {message}", innerException)
    {
        Error = error;
        Path = path;
    }

    /// <summary>Why the operation failed.</summary>
    public KeyFileError Error { get; }

    /// <summary>The key file involved.</summary>
    public string Path { get; }
}
