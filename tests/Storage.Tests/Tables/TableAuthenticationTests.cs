using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;
using Bankflow.Storage.Tables;

namespace Bankflow.Storage.Tests.Tables;

public sealed class TableAuthenticationTests
{
    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/Tables", "/devstoreaccount1/devstoreaccount1/Tables")]
    [InlineData("https://acct.table.core.windows.net/Tables", "/devstoreaccount1/Tables")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/t1()?$filter=A%20eq%201&$top=5", "/devstoreaccount1/devstoreaccount1/t1()")]
    [InlineData("https://acct.table.core.windows.net/?restype=service&comp=properties", "/devstoreaccount1/?comp=properties")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/t1(PartitionKey='O%27%27B%20%C3%A6',RowKey='')", "/devstoreaccount1/devstoreaccount1/t1(PartitionKey='O%27%27B%20%C3%A6',RowKey='')")]
    public void SharedKeyLite_signs_the_path_as_sent_after_the_account_so_path_style_repeats_it(string url, string expected) =>
        Assert.Equal(expected, TableSharedKeyLitePolicy.CanonicalizedResource("devstoreaccount1", new Uri(url)));

    [Fact]
    public async Task A_token_credential_sends_a_bearer_token_for_the_storage_scope()
    {
        var credential = new FakeCredential();
        var handler = new RecordingHandler();
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)), Retry = { MaxRetries = 0 } };
        var service = new TableServiceClient(StorageConnection.FromAccountName("bankflowacct", credential), options);

        var response = await service.CreateTableIfNotExistsAsync("Invoices");

        Assert.Equal(204, response.Status);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://bankflowacct.table.core.windows.net/Tables", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal("fake-token-1", request.Headers.Authorization.Parameter);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal("2025-01-05", request.Headers.GetValues("x-ms-version").Single());
    }

    [Fact]
    public async Task A_transport_failure_surfaces_as_RequestFailedException_with_status_0()
    {
        // Azure.Core's HttpClientTransport wraps HttpRequestException (here: connection refused) in RequestFailedException.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var connection = StorageConnection.Parse(StorageConnection.AzuriteConnectionString(port, port, port));
        var table = new TableClient(connection, "Invoices", new StorageClientOptions { Retry = { MaxRetries = 0 } });
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r"));
        Assert.Equal(0, e.Status);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    private sealed class FakeCredential : TokenCredential
    {
        private int _issued;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken($"fake-token-{Interlocked.Increment(ref _issued)}", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Records what the pipeline puts on the wire and answers 204; not a storage emulation.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request });
        }
    }
}
