using Bankflow.Functions.Infrastructure;
using Bankflow.LocalHost.Azurite;
using Bankflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Benchmarks.Intake;

/// <summary>
/// The app's own services on a fresh Azurite (a separate process, so not counted in this one's figures), as the
/// one-run import benchmarks use them: events to storage queues, the given Nets data recipient, tables and
/// containers created.
/// </summary>
internal sealed class ImportBenchmarkApp : IAsyncDisposable
{
    private ImportBenchmarkApp(AzuriteProcess azurite, ServiceProvider services)
    {
        Azurite = azurite;
        Services = services;
    }

    public AzuriteProcess Azurite { get; }

    public ServiceProvider Services { get; }

    public BankflowStorage Storage => Services.GetRequiredService<BankflowStorage>();

    public static async Task<ImportBenchmarkApp> StartAsync(string netsDataRecipient)
    {
        var azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Bankflow:ClientTokenSigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Bankflow:Events:Transport"] = "StorageQueue",
            ["Bankflow:Nets:DataRecipient"] = netsDataRecipient,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddBankflowFunctions(configuration).BuildServiceProvider();
        await services.GetRequiredService<BankflowStorage>().EnsureCreatedAsync(CancellationToken.None);
        return new ImportBenchmarkApp(azurite, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
