using Azure.Identity;
using Bankflow.Storage.Core;
using Microsoft.Extensions.Configuration;

namespace Bankflow.Functions.Infrastructure;

/// <summary>
/// The storage account from configuration, as the Functions host names it: in Azure
/// <c>AzureWebJobsStorage__accountName</c> (+ optional <c>__clientId</c> of a user-assigned identity) with
/// Entra ID; locally <c>AzureWebJobsStorage</c> as an Azurite connection string. Connection strings with
/// keys are for Azurite only; Azure runs with shared keys disabled.
/// </summary>
public static class StorageConnectionFactory
{
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageConnection.Parse(connectionString);
        }
        var accountName = configuration["AzureWebJobsStorage:accountName"] ?? configuration["AzureWebJobsStorage__accountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                "no storage configured: set AzureWebJobsStorage__accountName (Entra ID, Azure) or AzureWebJobsStorage (Azurite connection string)");
        }
        var clientId = configuration["AzureWebJobsStorage:clientId"] ?? configuration["AzureWebJobsStorage__clientId"];
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return StorageConnection.FromAccountName(accountName, credential);
    }
}
