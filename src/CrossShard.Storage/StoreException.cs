namespace CrossShard.Storage;

/// <summary>A store that cannot be used as it is; the message says which problem and where. Nothing is reset.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(StoreError error, string location, string message, Exception? inner = null)
        : base($"{message} ({location})", inner)
    {
        Error = error;
        Location = location;
    }

    /// <summary>The typed reason.</summary>
    public StoreError Error { get; }

    /// <summary>The directory, file or key where the problem is.</summary>
    public string Location { get; }
}
