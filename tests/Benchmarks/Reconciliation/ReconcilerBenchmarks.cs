using BenchmarkDotNet.Attributes;
using Bankflow.Domain.Reconciliation;

namespace Bankflow.Benchmarks.Reconciliation;

/// <summary>
/// The reconciliation engine over N movements against N open items (mix: <see cref="ScaleGenerator"/>), from
/// inputs in memory to the result with every outcome and the summary (item settlements and sentences are made
/// on demand and are not part of it). Run:
/// dotnet run -c Release --project tests/Benchmarks -- --filter '*ReconcilerBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReconcilerBenchmarks
{
    private ReconciliationInput _input = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (items, movements) = ScaleGenerator.Generate(Count);
        _input = new ReconciliationInput(ScaleGenerator.Client, items, movements);
    }

    [Benchmark]
    public int Reconcile() => Reconciler.Run(_input).Summary.Matched;
}
