using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Blobs;
using Bankflow.Storage.Core;
using Bankflow.Storage.Queues;

namespace Bankflow.Storage.Tests.Blobs;

/// <summary>
/// Entra ID: with a TokenCredential (no key) every request carries <c>Authorization: Bearer …</c> for the storage
/// scope. Azurite takes tokens only over HTTPS with --oauth, so the requests are captured by an HttpMessageHandler
/// under Azure.Core's own HttpClientTransport (it answers 201 and records what was sent; nothing storage-like).
/// </summary>
public sealed class TokenCredentialTests
{
    [Fact]
    public async Task Blob_requests_carry_a_bearer_token_for_the_storage_scope()
    {
        var credential = new RecordingCredential();
        var handler = new CapturingHandler();
        var service = new BlobServiceClient(StorageConnection.FromAccountName("bankflowtest", credential), Options(handler));

        await service.GetBlobContainerClient("inbox").CreateIfNotExistsAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://bankflowtest.blob.core.windows.net/inbox?restype=container", request.Uri);
        Assert.Equal("Bearer token-for-bankflow", request.Authorization);
        Assert.True(request.HasVersion);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
    }

    [Fact]
    public async Task Queue_requests_carry_a_bearer_token_for_the_storage_scope()
    {
        var credential = new RecordingCredential();
        var handler = new CapturingHandler();
        var service = new QueueServiceClient(StorageConnection.FromAccountName("bankflowtest", credential), Options(handler));

        await service.GetQueueClient("payments").CreateIfNotExistsAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://bankflowtest.queue.core.windows.net/payments", request.Uri);
        Assert.Equal("Bearer token-for-bankflow", request.Authorization);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
    }

    private static StorageClientOptions Options(CapturingHandler handler)
    {
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.MaxRetries = 0;
        return options;
    }

    private sealed record CapturedRequest(string Uri, string? Authorization, bool HasVersion);

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<CapturedRequest> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new CapturedRequest(
                request.RequestUri!.AbsoluteUri,
                request.Headers.Authorization?.ToString(),
                request.Headers.Contains("x-ms-version")));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent([]) });
        }
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-for-bankflow", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
