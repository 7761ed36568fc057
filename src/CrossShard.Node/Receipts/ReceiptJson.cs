using System.Text;
using System.Text.Json;
using CrossShard.Core.Ids;
using CrossShard.Crypto;
using CrossShard.Crypto.Signing;

namespace CrossShard.Node.Receipts;

/// <summary>Reads and writes the JSON form of a receipt (docs/receipts.md); anything malformed is a <see cref="ReceiptFormatException"/>.</summary>
/// <remarks>
/// Reading checks syntax and encodings only (types, hex, base64, names, algorithm); whether the receipt is
/// valid is <see cref="ReceiptVerifier"/>'s job.
/// </remarks>
public static class ReceiptJson
{
    /// <summary>Largest receipt file accepted, in bytes.</summary>
    public const int MaxFileSize = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    /// <summary>The receipt as indented camelCase JSON.</summary>
    public static string Write(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var document = new ReceiptDocument
        {
            Format = receipt.FormatVersion,
            ClusterId = receipt.ClusterId,
            TxId = receipt.TxId.ToString(),
            Decision = ReceiptNames.Decision(receipt.Decision),
            AbortReason = ReceiptNames.Reason(receipt.AbortReason),
            Participants = [.. receipt.Participants.Select(static p => p.Value)],
            Coordinator = receipt.Coordinator.Value,
            IssuedAtUnixMs = receipt.IssuedAtUnixMs,
            Algorithm = receipt.Signature.Algorithm.GetName(),
            Signature = Convert.ToBase64String(receipt.Signature.Encode()),
        };
        return JsonSerializer.Serialize(document, ReceiptJsonContext.Default.ReceiptDocument);
    }

    /// <summary>Parses the JSON form.</summary>
    /// <exception cref="ReceiptFormatException">Not JSON, wrong types, unknown or missing properties, or undecodable values.</exception>
    public static TransactionReceipt Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var document = Deserialize(json);
        var format = document.Format ?? throw Missing("format");
        var clusterId = document.ClusterId ?? throw Missing("clusterId");
        var txText = document.TxId ?? throw Missing("txId");
        var decisionText = document.Decision ?? throw Missing("decision");
        var reasonText = document.AbortReason ?? throw Missing("abortReason");
        var participants = document.Participants ?? throw Missing("participants");
        var coordinator = document.Coordinator ?? throw Missing("coordinator");
        var issuedAt = document.IssuedAtUnixMs ?? throw Missing("issuedAtUnixMs");
        var algorithmText = document.Algorithm ?? throw Missing("algorithm");
        var signatureText = document.Signature ?? throw Missing("signature");

        if (!TxId.TryParse(txText, out var txId))
        {
            throw Invalid("txId", $"'{Shorten(txText)}' is not 64 hex characters");
        }

        if (!ReceiptNames.TryParseDecision(decisionText, out var decision))
        {
            throw Invalid("decision", $"'{Shorten(decisionText)}' is not 'commit' or 'abort'");
        }

        if (!ReceiptNames.TryParseReason(reasonText, out var reason))
        {
            throw Invalid("abortReason", $"'{Shorten(reasonText)}' is not a known abort reason");
        }

        var signature = DecodeSignature(algorithmText, signatureText);
        return new TransactionReceipt(format, clusterId, txId, decision, reason, participants.Select(static p => new ShardId(p)), new ShardId(coordinator), issuedAt, signature);
    }

    /// <summary>Reads the receipt stored at <paramref name="path"/>.</summary>
    /// <exception cref="ReceiptFormatException">Missing, unreadable, too large or malformed; the message starts with the path.</exception>
    public static TransactionReceipt ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileSize)
            {
                throw new ReceiptFormatException(ReceiptFormatError.TooLarge, $"{path}: file is {stream.Length} bytes; a receipt is at most {MaxFileSize}");
            }

            using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ReceiptFormatException(ReceiptFormatError.NotFound, $"{path}: receipt file not found", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new ReceiptFormatException(ReceiptFormatError.InvalidJson, $"{path}: receipt is not UTF-8 text", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReceiptFormatException(ReceiptFormatError.Unreadable, $"{path}: could not read the receipt: {e.Message}", e);
        }

        try
        {
            return Read(text);
        }
        catch (ReceiptFormatException e)
        {
            throw e.WithPath(path);
        }
    }

    /// <summary>Writes the JSON form to <paramref name="path"/>, replacing any existing file.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void WriteFile(string path, TransactionReceipt receipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, Write(receipt) + "\n", new UTF8Encoding(false));
    }

    private static ReceiptDocument Deserialize(string json)
    {
        try
        {
            // Parsed as a document first so a future format is reported as such, not as its first unknown property.
            using var parsed = JsonDocument.Parse(json, DocumentOptions);
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ReceiptFormatException(ReceiptFormatError.InvalidJson, $"a receipt is a JSON object; got {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Number
                && (!format.TryGetInt32(out var version) || version != ReceiptLayout.CurrentVersion))
            {
                throw new ReceiptFormatException(ReceiptFormatError.UnsupportedVersion, $"receipt format {format.GetRawText()} is not supported (this build reads format {ReceiptLayout.CurrentVersion})");
            }

            return root.Deserialize(ReceiptJsonContext.Default.ReceiptDocument)!;
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
            throw new ReceiptFormatException(ReceiptFormatError.InvalidJson, $"invalid JSON at {e.Path ?? "$"}{line}: {FirstSentence(e.Message)}", e);
        }
    }

    private static Signature DecodeSignature(string algorithmText, string signatureText)
    {
        if (!SignatureAlgorithmInfo.TryParseName(algorithmText, out var algorithm))
        {
            throw Invalid("algorithm", $"'{Shorten(algorithmText)}' is not ML-DSA-44, ML-DSA-65 or ML-DSA-87");
        }

        Signature signature;
        try
        {
            signature = Signature.Decode(Convert.FromBase64String(signatureText));
        }
        catch (FormatException e) when (e is not CryptoFormatException)
        {
            throw Invalid("signature", "is not valid base64", e);
        }
        catch (CryptoFormatException e)
        {
            throw Invalid("signature", e.Message.TrimEnd('.'), e);
        }

        return signature.Algorithm == algorithm
            ? signature
            : throw Invalid("algorithm", $"says {algorithm.GetName()} but the signature's algorithm id byte is {signature.Algorithm.GetName()}");
    }

    private static ReceiptFormatException Missing(string field) => new(ReceiptFormatError.MissingField, $"{field} is missing");

    private static ReceiptFormatException Invalid(string field, string problem, Exception? inner = null) =>
        new(ReceiptFormatError.InvalidField, $"{field} {problem}", inner);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string FirstSentence(string message)
    {
        // The converter's own sentence names .NET types; the path already says which value is wrong.
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
