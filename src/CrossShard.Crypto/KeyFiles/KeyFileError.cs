namespace CrossShard.Crypto.KeyFiles;

/// <summary>Why a key file could not be read or written.</summary>
public enum KeyFileError
{
    /// <summary>The file (or its directory) does not exist.</summary>
    NotFound = 1,

    /// <summary>Writing would replace an existing file and overwriting was not requested.</summary>
    AlreadyExists = 2,

    /// <summary>The file ends before a complete key (e.g. an interrupted copy).</summary>
    Truncated = 3,

    /// <summary>The file is not a key file of this kind, fails its checksum, or has unexpected content.</summary>
    Corrupt = 4,

    /// <summary>The file has a format version this build does not read.</summary>
    UnsupportedVersion = 5,

    /// <summary>The algorithm id or name in the file is not one this build knows.</summary>
    UnknownAlgorithm = 6,

    /// <summary>The file holds a valid key of a different algorithm than the caller requires.</summary>
    WrongAlgorithm = 7,

    /// <summary>A private key file is accessible to group or other users (Unix mode must be 0600 or stricter).</summary>
    InsecurePermissions = 8,

    /// <summary>The operating system denied access to the file.</summary>
    AccessDenied = 9,

    /// <summary>Any other I/O failure; see the inner exception.</summary>
    IoError = 10,
}
