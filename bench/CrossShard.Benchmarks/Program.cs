using BenchmarkDotNet.Running;

namespace CrossShard.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release -- --filter '*'</c> or pick benchmarks interactively.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
