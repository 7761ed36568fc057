namespace CrossShard.Node.Receipts;

/// <summary>A receipt's JSON form could not be read; <see cref="Error"/> says why and the message names the field.</summary>
public sealed class ReceiptFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Which check failed.</param>
    /// <param name="message">One line naming the field and the problem.</param>
    /// <param name="innerException">The underlying JSON, crypto or I/O error, if any.</param>
    public ReceiptFormatException(ReceiptFormatError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Which check failed.</summary>
    public ReceiptFormatError Error { get; }

    /// <summary>The same error with the file path in front of the message.</summary>
    internal ReceiptFormatException WithPath(string path) => new(Error, $"{path}: {Message}", InnerException);
}
