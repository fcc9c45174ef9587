using Azure.Core;
using Bankflow.Storage.Blobs;
using Bankflow.Storage.Core;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Blobs;

/// <summary>A Blob service client on the shared Azurite with a request recorder, and fresh containers per test.</summary>
internal sealed class BlobTestContext
{
    public BlobTestContext(AzuriteFixture azurite)
    {
        var options = new StorageClientOptions();
        options.AddPolicy(Recorder, HttpPipelinePosition.PerCall);
        Service = new BlobServiceClient(azurite.Connection, options);
    }

    public RequestRecorder Recorder { get; } = new();

    public BlobServiceClient Service { get; }

    public async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = Service.GetBlobContainerClient(AzuriteFixture.UniqueName("c"));
        await container.CreateIfNotExistsAsync();
        return container;
    }

    /// <summary>Seeded random bytes, so a failure reproduces.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
