using System.Security.Cryptography;
using System.Text;

namespace CrossShard.Node.Manifest;

/// <summary>Reads and writes manifest files, mapping file system failures to <see cref="ManifestException"/>.</summary>
internal static class ManifestFile
{
    public static ClusterManifest Load(string path)
    {
        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > ClusterManifest.MaxFileSize)
            {
                throw new ManifestException(ManifestError.TooLarge, $"{path}: file is {stream.Length} bytes; a manifest is at most {ClusterManifest.MaxFileSize}");
            }

            using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ManifestException(ManifestError.NotFound, $"{path}: manifest file not found", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new ManifestException(ManifestError.InvalidJson, $"{path}: manifest is not UTF-8 text", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException(ManifestError.Unreadable, $"{path}: could not read the manifest: {e.Message}", e);
        }

        try
        {
            return ManifestJson.Parse(text);
        }
        catch (ManifestException e)
        {
            throw e.WithPath(path);
        }
    }

    /// <summary>Writes through a temporary file in the same directory, so readers never see half a manifest.</summary>
    public static void Save(string path, ClusterManifest manifest)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = $"{fullPath}.{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp";
        try
        {
            File.WriteAllText(temporary, manifest.ToJson() + "\n", new UTF8Encoding(false));
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var error = e is DirectoryNotFoundException ? ManifestError.NotFound : ManifestError.Unreadable;
            throw new ManifestException(error, $"{path}: could not write the manifest: {e.Message}", e);
        }
        finally
        {
            // Only left behind when something failed before the move.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
