namespace CrossShard.Crypto.Tests.Acvp;

/// <summary>Counts passed, failed and skipped ACVP cases so a test can assert exact totals.</summary>
internal sealed class AcvpTally
{
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _skipped = [];

    public int Passed { get; private set; }

    public IReadOnlyDictionary<string, int> Skipped => _skipped;

    public int SkippedTotal => _skipped.Values.Sum();

    public void Check(AcvpCase testCase, bool ok, string? detail = null)
    {
        if (ok)
        {
            Passed++;
        }
        else
        {
            _failures.Add($"tcId {testCase.TcId} ({testCase.ParameterSet}){(detail is null ? "" : ": " + detail)}");
        }
    }

    public void Skip(string reason) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;

    public void AssertNoFailures() =>
        Assert.True(_failures.Count == 0, $"{_failures.Count} ACVP case(s) failed:\n" + string.Join("\n", _failures.Take(20)));
}
