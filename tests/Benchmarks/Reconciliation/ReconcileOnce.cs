using System.Diagnostics;
using Bankflow.Domain.Reconciliation;

namespace Bankflow.Benchmarks.Reconciliation;

/// <summary>
/// One run outside BenchmarkDotNet, for the process's peak memory (what BenchmarkDotNet does not report):
/// dotnet tests/Benchmarks/bin/Release/net10.0/Bankflow.Benchmarks.dll reconcile-once 1000000
/// (under /usr/bin/time -v for the maximum resident set size).
/// </summary>
internal static class ReconcileOnce
{
    public static void Run(int count)
    {
        var (items, movements) = ScaleGenerator.Generate(count);
        var input = new ReconciliationInput(ScaleGenerator.Client, items, movements);
        var inputs = GC.GetTotalMemory(forceFullCollection: true);
        // A first, smaller run so that the timed one is not the JIT's first sight of the code.
        Reconciler.Run(input with { OpenItems = items[..Math.Min(items.Length, 10_000)], Movements = movements[..Math.Min(movements.Length, 10_000)] });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = Reconciler.Run(input);
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var s = result.Summary;
        Console.WriteLine($"GC: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:N0} ms");
        Console.WriteLine($"{count:N0} movements × {items.Length:N0} open items: {watch.Elapsed.TotalMilliseconds:N0} ms wall, {cpu.TotalMilliseconds:N0} ms CPU; matched {s.Matched:N0}, unmatched {s.Unmatched:N0}, automation {s.AutomationRate:P1}");
        Console.WriteLine($"inputs {inputs / 1048576.0:N0} MiB; allocated by the run {allocated / 1048576.0:N0} MiB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");
        GC.KeepAlive(result);
    }
}
