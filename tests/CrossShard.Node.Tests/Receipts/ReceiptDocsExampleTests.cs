using System.Diagnostics;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Crypto.Signing;
using CrossShard.Node.Manifest;
using CrossShard.Node.Receipts;
using CrossShard.Node.Tests.Manifest;

namespace CrossShard.Node.Tests.Receipts;

/// <summary>Keeps the worked example in docs/receipts.md real: it is regenerated here and checked by another ML-DSA implementation.</summary>
public sealed class ReceiptDocsExampleTests
{
    private static string DocsPath => Path.Combine(RepoPaths.Root, "docs", "receipts.md");

    [Fact]
    public void Docs_ShowTheExactExampleThisBuildProduces()
    {
        var (manifest, receipt) = Example();
        var docs = File.ReadAllText(DocsPath).ReplaceLineEndings("\n");
        string[] expected =
        [
            "seed ξ = " + Convert.ToHexStringLower(SeedOf(0)),
            Convert.ToHexStringLower(receipt.GetSignedBytes()),
            manifest.Shards[0].PublicKey.ToText(),
            ReceiptJson.Write(receipt).ReplaceLineEndings("\n"),
        ];

        var missing = expected.Where(text => !docs.Contains(text, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            var dump = Path.Combine(Path.GetTempPath(), "crossshard-receipt-example.txt");
            File.WriteAllText(dump, string.Join("\n\n", expected));
            Assert.Fail($"docs/receipts.md is out of date; the current example is in {dump}");
        }
    }

    [Fact]
    public void Docs_PythonVerifier_AcceptsTheExample_AndRejectsATamperedCopy()
    {
        var script = ExtractPython(File.ReadAllText(DocsPath).ReplaceLineEndings("\n"));
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("verify_receipt.py"), script);
        var (probeCode, _) = Run("python3", "-c \"from cryptography.hazmat.primitives.asymmetric import mldsa\"", dir.Path);
        Assert.SkipWhen(probeCode != 0, "python3 with ML-DSA support in 'cryptography' is not installed");

        var (manifest, receipt) = Example();
        manifest.Save(dir.File("cluster.json"));
        ReceiptJson.WriteFile(dir.File("receipt.json"), receipt);
        ReceiptJson.WriteFile(dir.File("tampered.json"), ReceiptTestData.With(receipt, issuedAt: receipt.IssuedAtUnixMs + 1));

        var (code, output) = Run("python3", "verify_receipt.py receipt.json cluster.json", dir.Path);
        Assert.True(code == 0, output);
        Assert.Contains("payload " + Convert.ToHexStringLower(receipt.GetSignedBytes()), output, StringComparison.Ordinal);
        Assert.Contains($"valid: commit {receipt.TxId} signed by shard-0", output, StringComparison.Ordinal);

        var (tamperedCode, tamperedOutput) = Run("python3", "verify_receipt.py tampered.json cluster.json", dir.Path);
        Assert.Equal(1, tamperedCode);
        Assert.Contains("bad signature", tamperedOutput, StringComparison.Ordinal);
    }

    /// <summary>The docs example: shard 0 (seed 00..1f) coordinates a commit between shards 0 and 1 of cluster local-7f3a.</summary>
    private static (ClusterManifest Manifest, TransactionReceipt Receipt) Example()
    {
        var deterministic = new SigningOptions { Mode = SigningMode.Deterministic };
        using var coordinator = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, SeedOf(0), deterministic);
        using var other = NodeIdentity.FromSeed(SignatureAlgorithm.MlDsa65, SeedOf(1), deterministic);
        var manifest = new ClusterManifest(
            "local-7f3a",
            ["crossshard/1"],
            allowLegacy: false,
            [new ManifestShard(0, "127.0.0.1:7400", coordinator.PublicKey), new ManifestShard(1, "127.0.0.1:7401", other.PublicKey)]);
        var txId = TxId.Parse("8f2a9c41d7e6b5a30f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778");
        var receipt = new ReceiptSigner(coordinator, manifest.ClusterId)
            .Sign(txId, DecisionKind.Commit, AbortReason.None, [new ShardId(0), new ShardId(1)], new ShardId(0), DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));
        return (manifest, receipt);
    }

    private static byte[] SeedOf(int node) => [.. Enumerable.Range(node * 32, 32).Select(i => (byte)i)];

    private static string ExtractPython(string docs)
    {
        const string Start = "```python\n";
        var start = docs.IndexOf(Start, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/receipts.md has no python block");
        var end = docs.IndexOf("```", start + Start.Length, StringComparison.Ordinal);
        return docs[(start + Start.Length)..end];
    }

    private static (int Code, string Output) Run(string program, string arguments, string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
