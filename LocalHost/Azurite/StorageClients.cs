using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Azurite;

/// <summary>
/// The Azure SDK clients LocalHost (and tests) use on the local storage account, from its connection string.
/// Queue messages are plain text (host.json: <c>messageEncoding: none</c>); retries are few and short, so a stopped
/// Azurite shows up as an exception within seconds instead of a stalled poll.
/// </summary>
public static class StorageClients
{
    public static BlobServiceClient Blobs(string connectionString) => new(connectionString, Bounded(new BlobClientOptions()));

    public static QueueServiceClient Queues(string connectionString) =>
        new(connectionString, Bounded(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));

    public static TableServiceClient Tables(string connectionString) => new(connectionString, Bounded(new TableClientOptions()));

    private static T Bounded<T>(T options) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
