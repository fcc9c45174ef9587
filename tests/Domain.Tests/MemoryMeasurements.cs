namespace Bankflow.Domain.Tests;

/// <summary>
/// Tests that measure the live heap (<c>GC.GetTotalMemory</c>) count every object of the process, so they run alone,
/// after the parallel tests: a test building large strings beside one (the hostile-input corpus's 4 MB files, a
/// 100,000-character id) pushed a 40 MB bound over in a full run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "Memory measurements";
}
