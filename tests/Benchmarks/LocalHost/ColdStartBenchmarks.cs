using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Bankflow.Benchmarks.LocalHost;

/// <summary>
/// Cold start: the worker is killed before each iteration, so the measured HTTP call includes starting a new worker
/// process (<c>dotnet Bankflow.WorkerContract.dll</c>), the gRPC handshake (init, metadata, five loads), waiting for the
/// worker's HTTP listener, and the first invocation answered. The start → all-loaded part alone is printed at cleanup.
/// </summary>
[Config(typeof(FewStarts))]
public class ColdStartBenchmarks
{
    private readonly List<TimeSpan> _loaded = [];
    private WorkerBenchmarkStack _stack = null!;

    [GlobalSetup]
    public void Setup() => _stack = WorkerBenchmarkStack.StartAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void KillWorker() => _stack.Host.Worker.Kill();

    [Benchmark]
    public async Task<string> StartWorkerAndAnswerFirstCall()
    {
        var answer = await _stack.Http.GetStringAsync("/api/ping");
        _loaded.Add(_stack.Host.Worker.LastStartDuration);
        return answer;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var ms = _loaded.Select(t => t.TotalMilliseconds).Order().ToList();
        Console.WriteLine($"// worker start → functions loaded (ms): {string.Join(", ", ms.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))}; median {ms[ms.Count / 2].ToString("0", CultureInfo.InvariantCulture)}");
        _stack.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
