using Microsoft.Extensions.Configuration;

namespace Bankflow.Functions.Infrastructure;

/// <summary>
/// Where the storage account is and how to sign in, read from the settings the Functions host itself reads for
/// <c>AzureWebJobsStorage</c>. Locally: <c>AzureWebJobsStorage</c> is an Azurite connection string (keys are for
/// Azurite only; Azure runs with shared keys disabled). In Azure: Entra ID, with the service URIs from
/// <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c> or derived from
/// <c>AzureWebJobsStorage__accountName</c>, and <c>AzureWebJobsStorage__clientId</c> naming a user-assigned identity.
/// </summary>
public sealed record StorageAccountSettings
{
    public string? ConnectionString { get; init; }

    public Uri? BlobServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    public Uri? TableServiceUri { get; init; }

    /// <summary>Client id of a user-assigned managed identity; null for the system-assigned one or a developer sign-in.</summary>
    public string? ClientId { get; init; }

    public static StorageAccountSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageAccountSettings { ConnectionString = connectionString };
        }
        // Environment variables spell the section separator "__"; configuration turns it into ":".
        var accountName = configuration["AzureWebJobsStorage:accountName"];
        var settings = new StorageAccountSettings
        {
            BlobServiceUri = ServiceUri(configuration["AzureWebJobsStorage:blobServiceUri"], accountName, "blob"),
            QueueServiceUri = ServiceUri(configuration["AzureWebJobsStorage:queueServiceUri"], accountName, "queue"),
            TableServiceUri = ServiceUri(configuration["AzureWebJobsStorage:tableServiceUri"], accountName, "table"),
            ClientId = NullIfBlank(configuration["AzureWebJobsStorage:clientId"]),
        };
        var missing = new[] { ("blob", settings.BlobServiceUri), ("queue", settings.QueueServiceUri), ("table", settings.TableServiceUri) }
            .Where(s => s.Item2 is null).Select(s => s.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"no storage configured for {string.Join(", ", missing)}: set AzureWebJobsStorage__accountName (or AzureWebJobsStorage__{missing[0]}ServiceUri; Entra ID, Azure) " +
                "or AzureWebJobsStorage (an Azurite connection string)");
        }
        return settings;
    }

    private static Uri? ServiceUri(string? explicitUri, string? accountName, string service)
    {
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException($"AzureWebJobsStorage__{service}ServiceUri is not an absolute http(s) URI");
        }
        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName.Trim()}.{service}.core.windows.net");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
