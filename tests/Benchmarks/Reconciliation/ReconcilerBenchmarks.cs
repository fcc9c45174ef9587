using BenchmarkDotNet.Attributes;
using Bankflow.Domain.Reconciliation;

namespace Bankflow.Benchmarks.Reconciliation;

/// <summary>
/// The reconciliation engine over N movements against N open items (mix: <see cref="ScaleGenerator"/>).
/// <c>Decide</c>: from the inputs in memory to every movement decided (matched, unmatched or ignored) and the
/// summary. <c>DecideAndRead</c>: the same, then every outcome read — each match written out as a
/// <see cref="Match"/>, each unmatched payment explained with its candidates — which is what a caller storing or
/// printing the result does. Run:
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

    [Benchmark(Baseline = true)]
    public int Decide() => Reconciler.Run(_input).Summary.Matched;

    [Benchmark]
    public int DecideAndRead()
    {
        var result = Reconciler.Run(_input);
        var characters = 0;
        foreach (var entry in result.Entries)
        {
            characters += entry.Explanation.Length;
        }
        return characters;
    }
}
