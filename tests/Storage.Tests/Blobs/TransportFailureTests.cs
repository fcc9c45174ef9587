using Azure;
using Bankflow.Storage.Blobs;
using Bankflow.Storage.Core;
using Bankflow.Storage.Queues;

namespace Bankflow.Storage.Tests.Blobs;

/// <summary>A network failure surfaces as RequestFailedException (status 0) wrapping the socket error, never a bare HttpRequestException.</summary>
public sealed class TransportFailureTests
{
    // Port 9 (discard) on loopback: nothing listens there on the build machines, so the connection is refused.
    private static readonly StorageConnection s_nowhere = StorageConnection.Parse(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + StorageConnection.DevelopmentAccountKey +
        ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1");

    private static StorageClientOptions NoRetries()
    {
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        return options;
    }

    [Fact]
    public async Task Blob_connection_refused_is_a_RequestFailedException()
    {
        var blob = new BlobServiceClient(s_nowhere, NoRetries()).GetBlobContainerClient("inbox").GetBlobClient("a.txt");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.ExistsAsync());

        Assert.Equal(0, error.Status);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Queue_connection_refused_is_a_RequestFailedException()
    {
        var queue = new QueueServiceClient(s_nowhere, NoRetries()).GetQueueClient("payments");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(0, error.Status);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }
}
