using System.Globalization;
using BenchmarkDotNet.Running;

namespace Bankflow.Benchmarks;

/// <summary>Run with: dotnet run -c Release --project tests/Benchmarks -- --filter '*Name*'. Figures go to docs/benchmarks.md.</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        // One reconciliation run for the peak working set (docs/benchmarks.md); everything else is BenchmarkDotNet.
        if (args is ["reconcile-once", var count])
        {
            Reconciliation.ReconcileOnce.Run(int.Parse(count, CultureInfo.InvariantCulture));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
