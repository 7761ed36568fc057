namespace CrossShard.Node.Manifest;

/// <summary>What a cluster id may look like; shared by the manifest and the signed receipt layout.</summary>
/// <remarks>
/// Restricted to ASCII so the id has exactly one byte encoding in every language: it is signed into receipts.
/// </remarks>
internal static class ClusterIdRules
{
    /// <summary>Longest cluster id, in characters (and bytes, since it is ASCII).</summary>
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="clusterId"/> is acceptable, otherwise why not (and the error kind).</summary>
    public static (ManifestError Error, string Problem)? Check(string? clusterId)
    {
        if (string.IsNullOrWhiteSpace(clusterId))
        {
            return (ManifestError.EmptyClusterId, "clusterId is empty");
        }

        if (clusterId.Length > MaxLength)
        {
            return (ManifestError.InvalidClusterId, $"clusterId is {clusterId.Length} characters; at most {MaxLength} allowed");
        }

        foreach (var c in clusterId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return (ManifestError.InvalidClusterId, $"clusterId '{clusterId}' may only contain A-Z a-z 0-9 . _ -");
            }
        }

        return null;
    }
}
