using System.Diagnostics;
using System.Globalization;
using Bankflow.Domain.Reconciliation;

namespace Bankflow.Benchmarks.Reconciliation;

/// <summary>
/// Runs outside BenchmarkDotNet, for what it does not report: the process's peak memory, CPU time beside wall
/// time, and the collector's pauses. Each run decides every movement and then reads every outcome (matches and
/// explanations written out):
/// <c>dotnet tests/Benchmarks/bin/Release/net10.0/Bankflow.Benchmarks.dll reconcile-once 1000000 [runs]</c>
/// (under <c>/usr/bin/time -v</c> for the maximum resident set size).
/// </summary>
internal static class ReconcileOnce
{
    public static void Run(int count, int runs)
    {
        var (items, movements) = ScaleGenerator.Generate(count);
        var input = new ReconciliationInput(ScaleGenerator.Client, items, movements);
        var inputs = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{count:N0} movements × {items.Length:N0} open items; inputs {inputs / 1048576.0:N0} MiB");
        var process = Process.GetCurrentProcess();
        for (var run = 1; run <= runs; run++)
        {
            var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = Reconciler.Run(input);
            var decided = watch.Elapsed;
            var read = result.Entries.Count(e => e.Explanation.Length > 0);
            var total = watch.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var s = result.Summary;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: decided in {decided.TotalMilliseconds:N0} ms, read in {(total - decided).TotalMilliseconds:N0} ms more (CPU {cpu.TotalMilliseconds:N0} ms); " +
                $"matched {s.Matched:N0}, unmatched {s.Unmatched:N0}, automation {s.AutomationRate:P1}; allocated {allocated / 1048576.0:N0} MiB; " +
                $"GC {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}, paused {(GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds:N0} ms; {read:N0} outcomes read"));
        }
        process.Refresh();
        Console.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB");
    }
}
