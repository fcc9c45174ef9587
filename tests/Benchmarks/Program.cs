using BenchmarkDotNet.Running;

namespace Bankflow.Benchmarks;

/// <summary>Run with: dotnet run -c Release --project tests/Benchmarks -- --filter '*Name*'. Figures go to docs/benchmarks.md.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
