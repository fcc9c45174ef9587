using System.Globalization;
using BenchmarkDotNet.Running;

namespace Bankflow.Benchmarks;

/// <summary>Run with: dotnet run -c Release --project tests/Benchmarks -- --filter '*Name*'. Figures go to docs/benchmarks.md.</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        // One reconciliation run for the peak working set (docs/benchmarks.md); everything else is BenchmarkDotNet.
        if (args is ["reconcile-once", var count, .. var rest])
        {
            Reconciliation.ReconcileOnce.Run(int.Parse(count, CultureInfo.InvariantCulture), rest is [var runs] ? int.Parse(runs, CultureInfo.InvariantCulture) : 3);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
