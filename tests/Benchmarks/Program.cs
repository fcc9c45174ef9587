using System.Globalization;
using BenchmarkDotNet.Running;
using Bankflow.Benchmarks.Intake;

namespace Bankflow.Benchmarks;

/// <summary>
/// Run with: dotnet run -c Release --project tests/Benchmarks -- --filter '*Name*'; or <c>-- import-rss [MB]</c> for the
/// import's peak memory, <c>-- import-ocr [transactions]</c> for the OCR import's throughput, <c>-- table-ceiling [rows]</c> for what the Table SDK alone
/// reaches against Azurite. Figures go to docs/benchmarks.md.
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
        // One OCR giro import from upload to committed entries: time, entries per second, peak RSS (docs/benchmarks.md).
        if (args is ["import-ocr", .. var ocr])
        {
            await ImportThroughput.RunAsync(ocr is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 100_000);
            return;
        }
        // The Table SDK alone against Azurite, prepared rows in transactions of 100, four in flight: the import's ceiling.
        if (args is ["table-ceiling", .. var ceiling])
        {
            await Tables.TableWriteCeiling.RunAsync(ceiling is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 100_000);
            return;
        }
        // One reconciliation run for the peak working set (docs/benchmarks.md); everything else is BenchmarkDotNet.
        if (args is ["reconcile-once", var count, .. var rest])
        {
            Reconciliation.ReconcileOnce.Run(int.Parse(count, CultureInfo.InvariantCulture), rest is [var runs] ? int.Parse(runs, CultureInfo.InvariantCulture) : 3);
            return;
        }
        // The lean camt.053 of docs/benchmarks.md, for timing `./bankflow parse` on it.
        if (args is ["write-lean-camt", var entries, var path])
        {
            using var file = File.Create(path);
            Testing.Camt.LeanCamtGenerator.Write(file, int.Parse(entries, CultureInfo.InvariantCulture));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
