using System.Globalization;
using BenchmarkDotNet.Running;
using Bankflow.Benchmarks.Intake;

namespace Bankflow.Benchmarks;

/// <summary>
/// Run with: dotnet run -c Release --project tests/Benchmarks -- --filter '*Name*'; or <c>-- import-rss [MB]</c> for the
/// import's peak memory. Figures go to docs/benchmarks.md.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "import-rss")
        {
            await ImportPeakMemory.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
            return;
        }
        // One reconciliation run for the peak working set (docs/benchmarks.md); everything else is BenchmarkDotNet.
        if (args is ["reconcile-once", var count, .. var rest])
        {
            Reconciliation.ReconcileOnce.Run(int.Parse(count, CultureInfo.InvariantCulture), rest is [var runs] ? int.Parse(runs, CultureInfo.InvariantCulture) : 3);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
