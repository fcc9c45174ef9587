using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Infrastructure;

/// <summary>The Azure SDK storage clients, registered once for the whole app (Microsoft.Extensions.Azure).</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Bounded retries: four tries at most, each cut off after <see cref="RetryOptions.NetworkTimeout"/>. An
    /// unreachable account (refused connections) fails within seconds; one that stops answering within about two
    /// minutes — an exception the caller reports, never a hang. Uploads are split into small requests
    /// (<see cref="BankflowStorage.UploadTransfer"/>), so no single request needs longer than the timeout.
    /// </summary>
    public static void ConfigureRetry(RetryOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(500);
        retry.MaxDelay = TimeSpan.FromSeconds(4);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>Registers <c>TableServiceClient</c>, <c>BlobServiceClient</c>, <c>QueueServiceClient</c> and <see cref="BankflowStorage"/>.</summary>
    public static IServiceCollection AddBankflowStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var account = StorageAccountSettings.FromConfiguration(configuration);
        services.AddAzureClients(clients =>
        {
            if (account.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(UnencodedMessages);
            }
            else
            {
                clients.AddTableServiceClient(account.TableServiceUri!);
                clients.AddBlobServiceClient(account.BlobServiceUri!);
                clients.AddQueueServiceClient(account.QueueServiceUri!).ConfigureOptions(UnencodedMessages);
                clients.UseCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = account.ClientId }));
            }
            clients.ConfigureDefaults(options => ConfigureRetry(options.Retry));
        });
        // The SDK logs every failed response as a warning ("Error response … 409 Conflict"). Bankflow's exactly-once writes
        // are conditional inserts and ETag updates whose 409/412/404 is the expected answer, so those lines said nothing and
        // buried real warnings. What actually fails reaches our code as an exception and is logged there, with context.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Error));
        services.AddSingleton<BankflowStorage>();
        return services;
    }

    /// <summary>host.json sets the queue binding's <c>messageEncoding</c> to <c>none</c>: messages are plain text, no base64.</summary>
    private static void UnencodedMessages(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.None;
}
