using System.Text;
using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.KeyFiles;

/// <summary>Reads and writes a node's public key as a small text file, for manifests and operators.</summary>
/// <remarks>
/// Format: UTF-8 lines; blank lines and lines starting with <c>#</c> are ignored; exactly one line holds the key
/// in <see cref="SignaturePublicKey.ToText"/> form, e.g. <c>ML-DSA-65:MIIH…</c>. Written with mode 0644.
/// </remarks>
public static class PublicKeyFile
{
    // Largest key (ML-DSA-87) in base64 is about 3.5 KiB; anything far bigger is not a public key file.
    private const int MaxFileSize = 64 * 1024;

    /// <summary>Writes <paramref name="publicKey"/> to <paramref name="path"/>.</summary>
    /// <exception cref="KeyFileException">The file exists (without overwrite), or the write failed.</exception>
    public static void Write(string path, SignaturePublicKey publicKey, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(publicKey);
        var text = $"# CrossShard node public key ({publicKey.Algorithm.GetName()}, fingerprint {publicKey.Fingerprint})\n{publicKey.ToText()}\n";
        KeyFileIo.WriteAtomically(path, Encoding.UTF8.GetBytes(text), KeyFileIo.PublicMode, overwrite);
    }

    /// <summary>Reads the public key stored at <paramref name="path"/>.</summary>
    /// <param name="path">The public key file.</param>
    /// <param name="expectedAlgorithm">When set, a key of any other algorithm is rejected.</param>
    /// <exception cref="KeyFileException">Missing, malformed or unexpected file.</exception>
    public static SignaturePublicKey Read(string path, SignatureAlgorithm? expectedAlgorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content;
        using (var stream = KeyFileIo.OpenRead(path))
        {
            content = KeyFileIo.ReadBounded(stream, path, MaxFileSize);
        }

        if (content.Length >= MaxFileSize)
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, "File is too large to be a public key file.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, "Public key file is not UTF-8 text.", e);
        }

        var keyLines = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        if (keyLines.Count != 1)
        {
            throw new KeyFileException(KeyFileError.Corrupt, path, $"Expected exactly one key line; found {keyLines.Count}.");
        }

        SignaturePublicKey key;
        try
        {
            key = SignaturePublicKey.ParseText(keyLines[0]);
        }
        catch (CryptoFormatException e)
        {
            var error = e.Error == CryptoFormatError.UnknownAlgorithm ? KeyFileError.UnknownAlgorithm : KeyFileError.Corrupt;
            throw new KeyFileException(error, path, e.Message, e);
        }

        if (expectedAlgorithm is { } expected && expected != key.Algorithm)
        {
            throw new KeyFileException(
                KeyFileError.WrongAlgorithm,
                path,
                $"File holds an {key.Algorithm.GetName()} key but {expected.GetName()} is required.");
        }

        return key;
    }
}
