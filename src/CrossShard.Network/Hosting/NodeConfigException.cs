namespace CrossShard.Network.Hosting;

/// <summary>A node configuration or genesis file is missing, malformed or breaks a rule; the message names the file and the field, in one line.</summary>
public sealed class NodeConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/> of <paramref name="file"/>.</summary>
    public NodeConfigException(string file, string field, string problem, Exception? inner = null)
        : base(string.IsNullOrEmpty(field) ? $"{file}: {problem}" : $"{file}: {field}: {problem}", inner)
    {
        File = file;
        Field = field;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The field at fault; empty when the whole file is (missing, not JSON).</summary>
    public string Field { get; }
}
