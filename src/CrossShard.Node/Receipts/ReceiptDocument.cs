namespace CrossShard.Node.Receipts;

/// <summary>A receipt as it appears in JSON, before decoding; every field nullable so absence is reported by name.</summary>
internal sealed class ReceiptDocument
{
    public int? Format { get; set; }

    public string? ClusterId { get; set; }

    public string? TxId { get; set; }

    public string? Decision { get; set; }

    public string? AbortReason { get; set; }

    public List<int>? Participants { get; set; }

    public int? Coordinator { get; set; }

    public long? IssuedAtUnixMs { get; set; }

    public string? Algorithm { get; set; }

    public string? Signature { get; set; }
}
