using Azure.Core;
using Bankflow.Storage.Core;
using Bankflow.Storage.Queues;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Queues;

/// <summary>A Queue service client on the shared Azurite with a request recorder, and fresh queues per test.</summary>
internal sealed class QueueTestContext
{
    public QueueTestContext(AzuriteFixture azurite)
    {
        var options = new StorageClientOptions();
        options.AddPolicy(Recorder, HttpPipelinePosition.PerCall);
        Service = new QueueServiceClient(azurite.Connection, options);
    }

    public RequestRecorder Recorder { get; } = new();

    public QueueServiceClient Service { get; }

    public async Task<QueueClient> NewQueueAsync()
    {
        var queue = Service.GetQueueClient(AzuriteFixture.UniqueName("q"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
