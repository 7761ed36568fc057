using CrossShard.Core.Messages;
using CrossShard.Node.Receipts;

namespace CrossShard.Cli.Receipts;

/// <summary>The <c>--json</c> output of <c>xshard receipt verify</c>.</summary>
internal sealed record ReceiptVerifyReport(
    bool Valid,
    string Status,
    string Detail,
    string ClusterId,
    string TxId,
    string Decision,
    int Coordinator)
{
    public static ReceiptVerifyReport From(TransactionReceipt receipt, ReceiptVerification result) => new(
        result.IsValid,
        ToCamelCase(result.Status.ToString()),
        result.Detail,
        receipt.ClusterId,
        receipt.TxId.ToString(),
        receipt.Decision == DecisionKind.Commit ? "commit" : "abort",
        receipt.Coordinator.Value);

    private static string ToCamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
