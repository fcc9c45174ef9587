using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Infrastructure;

/// <summary>The app's storage on the test Azurite, built by the app's own registration, as the handler builds it.</summary>
internal static class TestStorage
{
    public static ServiceProvider Services(IDictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddBankflowStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    public static async Task<BankflowStorage> CreateAsync(AzuriteFixture azurite)
    {
        var storage = Services(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).GetRequiredService<BankflowStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>Every test writes under its own client, so tests sharing the app's tables never see each other's rows.</summary>
    public static ClientId NewClient() => ClientId.Parse("c-" + Guid.NewGuid().ToString("N")[..12]);
}
