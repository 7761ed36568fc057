using System.Security.Cryptography;

namespace CrossShard.Crypto.KeyFiles;

/// <summary>File system plumbing shared by the key file types: atomic create-or-replace and bounded reads.</summary>
internal static class KeyFileIo
{
    /// <summary>Owner read and write only (0600).</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read and write, everyone read (0644).</summary>
    public const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Any access by group or other users.</summary>
    public const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> so that readers see either the old file or
    /// the complete new one: a temporary file in the same directory, created with <paramref name="mode"/> from
    /// the start (never briefly world-readable), flushed to disk, then moved into place. Without
    /// <paramref name="overwrite"/> the move itself refuses an existing target, so two concurrent writers
    /// cannot both win.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, UnixFileMode mode, bool overwrite)
    {
        var fullPath = Path.GetFullPath(path);
        if (!overwrite && File.Exists(fullPath))
        {
            throw AlreadyExists(path);
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, fullPath, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(fullPath))
            {
                throw AlreadyExists(path);
            }
        }
        catch (DirectoryNotFoundException e)
        {
            throw new KeyFileException(KeyFileError.NotFound, path, $"Directory '{directory}' does not exist.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyFileException(KeyFileError.AccessDenied, path, "Access denied while writing the key file.", e);
        }
        catch (IOException e)
        {
            throw new KeyFileException(KeyFileError.IoError, path, $"Could not write the key file: {e.Message}", e);
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

    /// <summary>Opens a key file for reading, mapping the usual failures to typed errors.</summary>
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyFileException(KeyFileError.NotFound, path, "Key file not found.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeyFileException(KeyFileError.AccessDenied, path, "Access denied while reading the key file.", e);
        }
        catch (IOException e)
        {
            throw new KeyFileException(KeyFileError.IoError, path, $"Could not open the key file: {e.Message}", e);
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; a result of exactly <paramref name="limit"/> bytes means "too long".</summary>
    public static byte[] ReadBounded(FileStream stream, string path, int limit)
    {
        try
        {
            var buffer = new byte[limit];
            var total = 0;
            int read;
            while (total < limit && (read = stream.Read(buffer, total, limit - total)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
        catch (IOException e)
        {
            throw new KeyFileException(KeyFileError.IoError, path, $"Could not read the key file: {e.Message}", e);
        }
    }

    private static KeyFileException AlreadyExists(string path) =>
        new(KeyFileError.AlreadyExists, path, "File already exists; refusing to overwrite it (use force to replace it).");
}
