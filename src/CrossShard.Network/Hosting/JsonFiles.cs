using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CrossShard.Network.Hosting;

/// <summary>Reads and writes the small JSON files of a node (config, genesis), turning every failure into a <see cref="NodeConfigException"/> naming the file.</summary>
internal static class JsonFiles
{
    /// <summary>Largest file read: far above any real config or genesis of a test cluster, far below a memory problem.</summary>
    public const int MaxFileSize = 64 * 1024 * 1024;

    public static T Read<T>(string path, JsonTypeInfo<T> type)
        where T : class
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileSize)
            {
                throw new NodeConfigException(path, string.Empty, $"file is {info.Length} bytes; at most {MaxFileSize} are read");
            }

            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NodeConfigException(path, string.Empty, "file not found", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new NodeConfigException(path, string.Empty, "not UTF-8 text", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigException(path, string.Empty, $"could not be read: {e.Message}", e);
        }

        try
        {
            return JsonSerializer.Deserialize(text, type) ?? throw new NodeConfigException(path, string.Empty, "is JSON null; expected an object");
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
            var field = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : string.Empty;
            throw new NodeConfigException(path, field, $"invalid JSON{line}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Writes through a temporary file in the same directory, so a reader never sees half a file.</summary>
    public static void Write<T>(string path, T value, JsonTypeInfo<T> type)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(value, type) + "\n", new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigException(path, string.Empty, $"could not be written: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // System.Text.Json appends "Path: … | LineNumber: …"; the path and line are reported separately.
    private static string FirstSentence(string message)
    {
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return "the value has the wrong type";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut >= 0 ? message[..cut] : message).ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }
}
