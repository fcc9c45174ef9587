using BenchmarkDotNet.Attributes;

namespace Bankflow.Benchmarks.LocalHost;

/// <summary>
/// One trivial HTTP invocation (<c>GET /api/ping</c>, anonymous, answers "pong") through LocalHost: HTTP front →
/// InvocationRequest over gRPC + the request forwarded to the worker's ASP.NET Core listener → response back. Each
/// iteration is one call, so the Median column is the median of 300 calls.
/// </summary>
[Config(typeof(ManyCalls))]
[MemoryDiagnoser]
public class HttpInvocationBenchmarks
{
    private WorkerBenchmarkStack _stack = null!;

    [GlobalSetup]
    public void Setup() => _stack = WorkerBenchmarkStack.StartAsync().GetAwaiter().GetResult();

    /// <summary>The floor under the same load: client → LocalHost's Kestrel → 404 for an unknown route, no worker involved.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> UnknownRouteAtTheFront()
    {
        using var response = await _stack.Http.GetAsync("/api/nowhere");
        return (int)response.StatusCode;
    }

    /// <summary>One gRPC round trip on the worker's stream (WorkerStatusRequest → response), no HTTP to the worker.</summary>
    [Benchmark]
    public Task<TimeSpan> StatusRoundTripOverGrpc() => _stack.Host.Worker.CheckStatusAsync(CancellationToken.None);

    [Benchmark]
    public Task<string> PingThroughLocalHost() => _stack.Http.GetStringAsync("/api/ping");

    [GlobalCleanup]
    public void Cleanup() => _stack.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
