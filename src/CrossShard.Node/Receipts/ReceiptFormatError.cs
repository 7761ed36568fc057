namespace CrossShard.Node.Receipts;

/// <summary>Why a receipt's JSON form could not be read; <see cref="ReceiptFormatException"/> carries one.</summary>
public enum ReceiptFormatError
{
    /// <summary>The receipt file does not exist.</summary>
    NotFound = 1,

    /// <summary>The file exists but could not be read (permissions, I/O error).</summary>
    Unreadable = 2,

    /// <summary>The file is larger than <see cref="ReceiptJson.MaxFileSize"/>.</summary>
    TooLarge = 3,

    /// <summary>The text is not JSON, is not an object, has a value of the wrong type, or an unknown or repeated property.</summary>
    InvalidJson = 4,

    /// <summary>A required property is absent or null.</summary>
    MissingField = 5,

    /// <summary>A property has the right JSON type but an unusable value (bad hex, bad base64, unknown name, algorithm mismatch).</summary>
    InvalidField = 6,

    /// <summary>The <c>format</c> number is not one this build reads.</summary>
    UnsupportedVersion = 7,
}
