using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Hosting;
using Bankflow.Testing;

namespace Bankflow.Benchmarks.LocalHost;

/// <summary>Azurite + LocalHost driving the real isolated worker of tests/WorkerContract, quiet (no log lines).</summary>
internal sealed class WorkerBenchmarkStack : IAsyncDisposable
{
    private WorkerBenchmarkStack(AzuriteProcess azurite, LocalFunctionsHost host)
    {
        Azurite = azurite;
        Host = host;
        Http = new HttpClient { BaseAddress = host.Http!.BaseAddress };
    }

    public AzuriteProcess Azurite { get; }
    public LocalFunctionsHost Host { get; }
    public HttpClient Http { get; }

    public static async Task<WorkerBenchmarkStack> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            HandlerDirectory = Path.Combine(RepositoryPaths.Root, "tests", "WorkerContract", "bin", "Release", "net10.0"),
            StorageConnectionString = azurite.ConnectionString,
            FunctionKey = "benchmark",
            // As ./bankflow run and the end-to-end tests configure the Bankflow worker: no per-request Information lines.
            HandlerSettings = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" },
            ObservedQueues = [],
            Log = _ => { },
        }, CancellationToken.None);
        return new WorkerBenchmarkStack(azurite, host);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
