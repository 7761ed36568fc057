using System.CommandLine;

namespace CrossShard.Cli.Receipts;

/// <summary><c>xshard receipt</c>: commands for signed transaction receipts.</summary>
internal static class ReceiptCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("receipt", "Work with signed transaction receipts.")
        {
            ReceiptVerifyCommand.Create(output, error),
        };
}
