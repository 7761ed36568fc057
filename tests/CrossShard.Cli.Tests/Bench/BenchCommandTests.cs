using System.Text.Json;
using System.Text.RegularExpressions;
using CrossShard.Cli.Bench;

namespace CrossShard.Cli.Tests.Bench;

public sealed class BenchCommandTests
{
    private static readonly string[] Tiny = ["bench", "--seconds", "1", "--warmup", "0", "--shards", "2", "--accounts", "50", "--concurrency", "4", "--json"];

    private static readonly string[] RequiredKeys =
    [
        "committedPerSec", "abortedPerSec", "abortsByReason", "latencyMs", "cpuPercent", "allocatedBytesPerTx",
        "peakWorkingSetBytes", "longestStallMs", "conserved", "config", "gcCollections", "quiescent", "notAdmitted",
    ];

    private static readonly string[] ConfigKeys =
        ["mode", "shards", "accounts", "crossShardRatio", "concurrency", "rate", "seconds", "warmup", "signatures", "durable", "seed"];

    [Theory]
    [InlineData("bench --mode local", "--mode must be embedded or cluster, got 'local'")]
    [InlineData("bench --shards 0", "--shards must be between 1 and 64, got 0")]
    [InlineData("bench --shards x", "'x'")]
    [InlineData("bench --accounts 1", "--accounts must be between 2 and 10000000, got 1")]
    [InlineData("bench --cross-shard-ratio 1.5", "--cross-shard-ratio must be between 0 and 1, got 1.5")]
    [InlineData("bench --cross-shard-ratio -0.1", "--cross-shard-ratio must be between 0 and 1, got -0.1")]
    [InlineData("bench --cross-shard-ratio NaN", "--cross-shard-ratio must be between 0 and 1, got NaN")]
    [InlineData("bench --cross-shard-ratio half", "'half'")]
    [InlineData("bench --concurrency 0", "--concurrency must be between 1 and 1000000, got 0")]
    [InlineData("bench --rate 0", "--rate must be between 1 and 10000000, got 0")]
    [InlineData("bench --rate fast", "'fast'")]
    [InlineData("bench --seconds 0", "--seconds must be between 1 and 86400, got 0")]
    [InlineData("bench --warmup -1", "--warmup must be between 0 and 3600, got -1")]
    [InlineData("bench --signatures yes", "--signatures must be on or off or both, got 'yes'")]
    [InlineData("bench --durable maybe", "--durable must be on or off, got 'maybe'")]
    [InlineData("bench --lock-policy wait", "--lock-policy must be no-wait or wait-die or wait-for-older or ordered, got 'wait'")]
    [InlineData("bench --seed -3", "--seed must be between 0 and 2147483647, got -3")]
    [InlineData("bench --json=maybe", "maybe")]
    [InlineData("bench --frobnicate", "--frobnicate")]
    [InlineData("bench extra", "extra")]
    [InlineData("bench --shards 1", "--cross-shard-ratio must be 0 with --shards 1")]
    [InlineData("bench --shards 1 --cross-shard-ratio 0.5", "--cross-shard-ratio must be 0 with --shards 1")]
    public async Task BadFlag_IsAUsageError_WithOneLine(string commandLine, string expected)
    {
        Xshard.AssertUsageError(await Xshard.RunAsync(commandLine.Split(' ')), expected);
    }

    [Theory]
    [InlineData("--signatures", ClusterBenchTarget.SignaturesRequired)]
    [InlineData("--durable", ClusterBenchTarget.DurableRequired)]
    public async Task ClusterMode_RefusesWhatTheNodesCannotDo_WithOneLine(string flag, string reason)
    {
        var (code, output, error) = await Xshard.RunAsync("bench", "--mode", "cluster", flag, "off", "--json");

        Assert.Equal(XshardApp.Failed, code);
        Assert.Empty(output);
        Assert.Equal($"xshard: {reason}", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task TinyClusterRun_CommitsOverGrpc_Conserves_AndLeavesNothingBehind()
    {
        var (code, output, error) = await Xshard.RunAsync("bench", "--mode", "cluster", "--shards", "2", "--accounts", "50", "--seconds", "2", "--warmup", "1", "--concurrency", "4", "--json");

        Assert.True(code == XshardApp.Ok, error + output);
        Assert.Empty(error);
        var report = JsonDocument.Parse(output).RootElement;
        var config = report.GetProperty("config");
        Assert.Equal("cluster", config.GetProperty("mode").GetString());
        Assert.Equal(2, config.GetProperty("shards").GetInt32());
        Assert.True(report.GetProperty("committedPerSec").GetDouble() > 0, output);
        Assert.True(report.GetProperty("conserved").GetBoolean(), output);
        Assert.True(report.GetProperty("quiescent").GetBoolean(), output);
        Assert.Equal(50L * 1_000_000_000, report.GetProperty("totalAfter").GetInt64());
        Assert.Equal(0, report.GetProperty("rejected").GetInt64());
        // The nodes did the protocol's work in their own processes, and their CPU is reported apart from this one's.
        Assert.True(report.GetProperty("nodeCpuSeconds").GetDouble() > 0, output);

        // Keys, configs and stores lived in a temporary directory that is gone, and no node process is left running from it.
        var target = report.GetProperty("target").GetString()!;
        Assert.StartsWith("cluster, 2 xshard node processes", target, StringComparison.Ordinal);
        var directory = Regex.Match(target, "RocksDB stores in (\\S+)$").Groups[1].Value;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "xshard-bench-cluster-"), directory, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), directory);
        Assert.Empty(ProcessesNaming(directory));
    }

    [Fact]
    public async Task EmbeddedRun_HasNoNodeCpu_ItIsThisProcesss()
    {
        var (code, output, error) = await Xshard.RunAsync([.. Tiny, "--durable", "off"]);

        Assert.True(code == XshardApp.Ok, error);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("nodeCpuSeconds").ValueKind);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task TinyDurableRun_ReportsEveryKey_CommitsAndConserves(string signatures)
    {
        var (code, output, error) = await Xshard.RunAsync([.. Tiny, "--signatures", signatures, "--durable", "on"]);

        Assert.True(code == XshardApp.Ok, error);
        Assert.Empty(error);
        var report = JsonDocument.Parse(output).RootElement;
        foreach (var key in RequiredKeys)
        {
            Assert.True(report.TryGetProperty(key, out _), $"missing '{key}' in {output}");
        }

        var config = report.GetProperty("config");
        foreach (var key in ConfigKeys)
        {
            Assert.True(config.TryGetProperty(key, out _), $"missing 'config.{key}' in {output}");
        }

        Assert.Equal(signatures == "on", config.GetProperty("signatures").GetBoolean());
        Assert.True(config.GetProperty("durable").GetBoolean());
        Assert.Equal("embedded", config.GetProperty("mode").GetString());
        Assert.True(report.GetProperty("committedPerSec").GetDouble() > 0, output);
        Assert.True(report.GetProperty("conserved").GetBoolean());
        Assert.True(report.GetProperty("quiescent").GetBoolean());
        Assert.Equal(50L * 1_000_000_000, report.GetProperty("genesisTotal").GetInt64());
        Assert.Equal(report.GetProperty("genesisTotal").GetInt64(), report.GetProperty("totalAfter").GetInt64());

        var latency = report.GetProperty("latencyMs");
        var p50 = latency.GetProperty("p50").GetDouble();
        var p99 = latency.GetProperty("p99").GetDouble();
        var p999 = latency.GetProperty("p999").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= p999 && p999 <= latency.GetProperty("max").GetDouble(), latency.ToString());
        Assert.Equal(
            report.GetProperty("aborted").GetInt64(),
            report.GetProperty("abortsByReason").EnumerateObject().Sum(p => p.Value.GetInt64()));
        var eachSecond = report.GetProperty("committedEachSecond").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Single(eachSecond); // --seconds 1
        Assert.Equal(report.GetProperty("committed").GetInt64(), eachSecond.Sum());
        Assert.Equal(eachSecond[0], report.GetProperty("committedPerSecondSpread").GetProperty("median").GetInt64());
        Assert.True(report.GetProperty("allocatedBytesPerTx").GetDouble() > 0);
        Assert.True(report.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.Equal(signatures == "on", report.GetProperty("envelopes").GetInt64() > 0);
        Assert.Equal(signatures == "on", report.GetProperty("mlDsaSignatures").GetInt64() > 0);
        Assert.True(report.GetProperty("mlDsaSignatures").GetInt64() <= report.GetProperty("envelopes").GetInt64());
        Assert.Equal(0, report.GetProperty("rejectedEnvelopes").GetInt64());

        // The durable run's stores lived in a temporary directory that is gone afterwards.
        var directory = Regex.Match(report.GetProperty("target").GetString()!, "RocksDB stores in (\\S+)$").Groups[1].Value;
        Assert.StartsWith(Path.GetTempPath(), directory, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), directory);
    }

    [Fact]
    public async Task WaitDieRun_IsEchoedInTheConfig_Commits_AndConserves()
    {
        var (code, output, error) = await Xshard.RunAsync("bench", "--seconds", "1", "--warmup", "0", "--shards", "2", "--accounts", "20", "--concurrency", "8", "--durable", "off", "--signatures", "off", "--lock-policy", "wait-die", "--json");

        Assert.True(code == XshardApp.Ok, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("wait-die", report.GetProperty("config").GetProperty("lockPolicy").GetString());
        Assert.True(report.GetProperty("committedPerSec").GetDouble() > 0);
        Assert.True(report.GetProperty("conserved").GetBoolean());
    }

    [Fact]
    public async Task TinyOpenLoopRun_InMemory_OffersTheRate_AndConserves()
    {
        var (code, output, error) = await Xshard.RunAsync("bench", "--seconds", "1", "--warmup", "0", "--shards", "2", "--accounts", "50", "--rate", "200", "--durable", "off", "--signatures", "off", "--cross-shard-ratio", "0.5", "--json");

        Assert.True(code == XshardApp.Ok, error);
        var report = JsonDocument.Parse(output).RootElement;
        var config = report.GetProperty("config");
        Assert.Equal(200, config.GetProperty("rate").GetInt32());
        Assert.Equal(10_000, config.GetProperty("concurrency").GetInt32());
        Assert.Equal(0.5, config.GetProperty("crossShardRatio").GetDouble());
        Assert.False(config.GetProperty("durable").GetBoolean());
        var decided = report.GetProperty("committed").GetInt64() + report.GetProperty("aborted").GetInt64() + report.GetProperty("notAdmitted").GetInt64();
        // About 200 due in the window; the bound only rules out a pacer that ignores the rate.
        Assert.InRange(decided, 1, 400);
        Assert.True(report.GetProperty("committedPerSec").GetDouble() > 0);
        Assert.True(report.GetProperty("conserved").GetBoolean());
        Assert.DoesNotContain("RocksDB", report.GetProperty("target").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableOutput_EndsWithTheChecks_AndRedirectedProgressIsPlainLines()
    {
        var (code, output, error) = await Xshard.RunAsync("bench", "--seconds", "1", "--warmup", "1", "--shards", "2", "--accounts", "100", "--concurrency", "4", "--durable", "off");

        Assert.Equal(XshardApp.Ok, code);
        Assert.Contains("committed/s", output, StringComparison.Ordinal);
        Assert.Contains("p99.9", output, StringComparison.Ordinal);
        Assert.Contains("conservation", output, StringComparison.Ordinal);
        Assert.Contains("bench: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", error, StringComparison.Ordinal);
    }

    // The command lines of running processes (Linux /proc) that mention the text: a node started with a config in it.
    private static List<string> ProcessesNaming(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile, or not ours to read.
            }
        }

        return found;
    }

    [Fact]
    public async Task SignaturesBoth_RunsSignedAndUnsignedAlternately_AndReportsEachRatio()
    {
        var (code, output, error) = await Xshard.RunAsync([.. Tiny, "--durable", "off", "--signatures", "both", "--rounds", "2"]);

        Assert.True(code == XshardApp.Ok, error);
        var comparison = JsonDocument.Parse(output).RootElement;
        var rounds = comparison.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(2, rounds.Length);
        Assert.True(rounds[0].GetProperty("signedFirst").GetBoolean());
        Assert.False(rounds[1].GetProperty("signedFirst").GetBoolean());
        var ratios = new List<double>();
        foreach (var round in rounds)
        {
            var signed = round.GetProperty("signed");
            var unsigned = round.GetProperty("unsigned");
            Assert.True(signed.GetProperty("config").GetProperty("signatures").GetBoolean());
            Assert.False(unsigned.GetProperty("config").GetProperty("signatures").GetBoolean());
            Assert.True(signed.GetProperty("mlDsaSignatures").GetInt64() > 0, output);
            Assert.Equal(0, unsigned.GetProperty("mlDsaSignatures").GetInt64());
            var ratio = round.GetProperty("ratio").GetDouble();
            Assert.Equal(signed.GetProperty("committedPerSec").GetDouble() / unsigned.GetProperty("committedPerSec").GetDouble(), ratio, precision: 9);
            ratios.Add(ratio);
        }

        // Two rounds: the median is the lower of the two.
        Assert.Equal(ratios.Min(), comparison.GetProperty("medianRatio").GetDouble(), precision: 9);
        Assert.Equal(ratios.Max(), comparison.GetProperty("maxRatio").GetDouble(), precision: 9);
        Assert.True(comparison.GetProperty("invariantsHold").GetBoolean());
    }

    [Fact]
    public async Task SignaturesBoth_InClusterMode_IsRefused_AndRoundsAloneAreAUsageError()
    {
        var (code, _, error) = await Xshard.RunAsync(["bench", "--mode", "cluster", "--signatures", "both"]);
        Assert.Equal(XshardApp.Failed, code);
        Assert.Contains("--signatures both needs --mode embedded", error);

        (code, _, error) = await Xshard.RunAsync([.. Tiny, "--rounds", "2"]);
        Assert.Equal(XshardApp.UsageError, code);
        Assert.Contains("--rounds needs --signatures both", error);
    }
}
